package io.otlpiceberg.decode;

import static io.otlpiceberg.decode.JsonFields.unexpected;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.GeneratedMessage;
import com.google.protobuf.Message;
import java.io.IOException;

/**
 * Reads OTLP/JSON export requests into the opentelemetry-proto messages, streaming, driven by their
 * descriptors ({@link MessageSchema}): every field they define is read, each by the rule of its
 * type. Protobuf's own JSON parser cannot do this job: OTLP writes trace and span ids as hex, not
 * base64. Unknown fields are skipped, as the OTLP specification asks; JSON nesting is bounded so a
 * hostile document fails fast instead of exhausting the stack.
 */
final class OtlpJsonReader {
  /**
   * About what {@link ProtoRequests#RECURSION_LIMIT} allows for nested AnyValues, in JSON levels: a
   * map level is three messages (AnyValue, KeyValueList, KeyValue) and four JSON levels.
   */
  static final int MAX_NESTING_DEPTH = ProtoRequests.RECURSION_LIMIT * 4 / 3;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_NESTING_DEPTH)
                  .maxNumberLength(400)
                  .build())
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          // Correctly rounded, as the JDK's parser, and several times faster on metrics' doubles.
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .build();

  private OtlpJsonReader() {}

  /** The export request of the signal; its class is that of {@link Signal#emptyRequest}. */
  static Message read(Signal signal, Payload payload) throws IOException, OtlpDecodeException {
    MessageSchema request = MessageSchema.of(signal.emptyRequest());
    GeneratedMessage.Builder<?> builder = request.newBuilder();
    try (JsonParser p = open(payload)) {
      while (nextField(p)) {
        String key = p.currentName();
        FieldSchema field = request.field(key);
        if (field == null) {
          refuseOtherSignal(key, signal);
          p.skipChildren();
        } else {
          field(p, field, key, builder);
        }
      }
      if (p.nextToken() != null) {
        throw new OtlpDecodeException("unexpected content after the OTLP/JSON object");
      }
    }
    return builder.build();
  }

  private static JsonParser open(Payload payload) throws IOException, OtlpDecodeException {
    JsonParser p = FACTORY.createParser(payload.bytes, payload.offset, payload.length);
    if (p.nextToken() != JsonToken.START_OBJECT) {
      p.close();
      throw new OtlpDecodeException("OTLP/JSON must be an object");
    }
    return p;
  }

  /** Another signal's data at the top level means the topic is mapped to the wrong signal. */
  private static void refuseOtherSignal(String key, Signal expected) throws OtlpDecodeException {
    for (Signal signal : Signal.values()) {
      if (signal != expected && MessageSchema.of(signal.emptyRequest()).field(key) != null) {
        throw new OtlpDecodeException(
            String.format(
                "found '%s': this is a %s request, but the topic is mapped to %s",
                key, signal.label(), expected.label()));
      }
    }
  }

  /**
   * Moves to the next field of the current object and onto its value; false at the object's end. A
   * null value counts as absent, as in protobuf JSON.
   */
  private static boolean nextField(JsonParser p) throws IOException, OtlpDecodeException {
    while (true) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.END_OBJECT) {
        return false;
      }
      if (t != JsonToken.FIELD_NAME) {
        throw new OtlpDecodeException("malformed OTLP/JSON object near " + p.currentLocation());
      }
      if (p.nextToken() != JsonToken.VALUE_NULL) {
        return true;
      }
    }
  }

  /** The message of an object, onto whose start the parser is. */
  private static Message message(JsonParser p, MessageSchema schema, String key)
      throws IOException, OtlpDecodeException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(p, key, "an object");
    }
    GeneratedMessage.Builder<?> builder = schema.newBuilder();
    int expected = 0;
    while (nextField(p)) {
      String name = p.currentName();
      FieldSchema field = schema.field(name, expected);
      if (field == null) {
        p.skipChildren();
      } else {
        field(p, field, name, builder);
        expected = field.index + 1;
      }
    }
    return builder.build();
  }

  /** A field's value; a repeated field's as an array, each element added in turn. */
  private static void field(JsonParser p, FieldSchema field, String key, Message.Builder builder)
      throws IOException, OtlpDecodeException {
    if (!field.repeated) {
      value(p, field, key, builder);
      return;
    }
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw unexpected(p, key, "an array");
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() == null) {
        throw unexpected(p, key, "the end of the array");
      }
      value(p, field, key, builder);
    }
  }

  private static void value(JsonParser p, FieldSchema field, String key, Message.Builder builder)
      throws IOException, OtlpDecodeException {
    if (field.type == FieldDescriptor.Type.MESSAGE) {
      field.objects.set(builder, message(p, field.message(), key));
    } else {
      JsonScalars.set(p, field, key, builder);
    }
  }
}
