package io.otlpiceberg.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/** Export requests printed as OTLP/JSON, the other encoding the decode benchmark reads. */
final class OtlpJson {
  private OtlpJson() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");

  /**
   * The request as OTLP/JSON, compact, as an exporter sends it: protobuf's JSON mapping with
   * lowerCamelCase names and enums as integers, except that trace and span ids are hex (OTLP's one
   * deviation from the mapping, which would write them as base64).
   */
  static byte[] print(Message request) {
    try {
      String protobufJson =
          JsonFormat.printer()
              .omittingInsignificantWhitespace()
              .printingEnumsAsInts()
              .print(request);
      JsonNode tree = MAPPER.readTree(protobufJson);
      idsToHex(tree);
      return MAPPER.writeValueAsBytes(tree);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void idsToHex(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        if (ID_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
          field.setValue(MAPPER.getNodeFactory().textNode(hex(field.getValue().asText())));
        } else {
          idsToHex(field.getValue());
        }
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        idsToHex(element);
      }
    }
  }

  private static String hex(String base64) {
    byte[] bytes = Base64.getDecoder().decode(base64);
    StringBuilder out = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return out.toString();
  }
}
