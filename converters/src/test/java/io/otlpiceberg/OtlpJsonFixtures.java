package io.otlpiceberg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Test fixtures: the samples, and conversions between OTLP/JSON and protobuf that do not use the
 * decoder under test. protobuf-java-util's JsonFormat speaks protobuf's JSON mapping, which differs
 * from OTLP/JSON only in how trace and span ids are written (base64 there, hex here), so ids are
 * rewritten on the way in and out.
 */
public final class OtlpJsonFixtures {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> ID_FIELDS =
      Set.of("traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id");

  private OtlpJsonFixtures() {}

  public static byte[] sample(String name) {
    try (InputStream in = OtlpJsonFixtures.class.getResourceAsStream("/samples/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses OTLP/JSON into the builder with JsonFormat, ids converted from hex. */
  public static <B extends Message.Builder> B parse(byte[] otlpJson, B builder) {
    try {
      JsonNode tree = MAPPER.readTree(otlpJson);
      rewriteIds(tree, true);
      JsonFormat.parser().merge(MAPPER.writeValueAsString(tree), builder);
      return builder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prints a message as OTLP/JSON: JsonFormat, then ids as hex (upper case if asked). */
  public static byte[] print(Message message, boolean upperCaseIds) {
    return print(message, JsonFormat.printer(), upperCaseIds);
  }

  /** As {@link #print(Message, boolean)}, with the printer's options (proto names, ...). */
  public static byte[] print(Message message, JsonFormat.Printer printer, boolean upperCaseIds) {
    try {
      JsonNode tree = MAPPER.readTree(printer.print(message));
      rewriteIds(tree, false);
      String json = MAPPER.writeValueAsString(tree);
      if (upperCaseIds) {
        JsonNode upper = MAPPER.readTree(json);
        upperCaseIds(upper);
        json = MAPPER.writeValueAsString(upper);
      }
      return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void rewriteIds(JsonNode node, boolean hexToBase64) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (ID_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
          String text = field.getValue().asText();
          String converted =
              hexToBase64
                  ? Base64.getEncoder().encodeToString(HexFormat.of().parseHex(text.toLowerCase()))
                  : HexFormat.of().formatHex(Base64.getDecoder().decode(text));
          field.setValue(new TextNode(converted));
        } else {
          rewriteIds(field.getValue(), hexToBase64);
        }
      }
    } else if (node.isArray()) {
      node.forEach(child -> rewriteIds(child, hexToBase64));
    }
  }

  private static void upperCaseIds(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      object
          .fields()
          .forEachRemaining(
              field -> {
                if (ID_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
                  field.setValue(new TextNode(field.getValue().asText().toUpperCase()));
                } else {
                  upperCaseIds(field.getValue());
                }
              });
    } else if (node.isArray()) {
      node.forEach(OtlpJsonFixtures::upperCaseIds);
    }
  }
}
