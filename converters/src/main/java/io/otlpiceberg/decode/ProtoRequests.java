package io.otlpiceberg.decode;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Parses protobuf export requests with the opentelemetry-proto classes. protobuf-java bounds
 * recursion and never allocates more than the input holds, so hostile bytes fail fast.
 *
 * <p>Requests of the three signals share their outer shape (field 1 holds the resource entries in
 * all three), so a record of the wrong signal often parses "successfully" with its fields filed as
 * unknown. Protobuf never changes a field's wire type, so an unknown field whose number the schema
 * does define is proof of a wrong signal, not of a newer schema; such requests are refused here.
 * (Wrong id lengths, the other symptom, are refused by the row builders.)
 */
final class ProtoRequests {
  /**
   * Message nesting protobuf-java accepts. Its default, 100, refuses an AnyValue map nested 32
   * levels deep, which the Collector (Go's limit is 10,000) forwards; 400 takes about 130 map
   * levels and still keeps a parse, and the row builders' walk of the value, far inside a thread's
   * stack.
   */
  static final int RECURSION_LIMIT = 400;

  /**
   * How deep the wrong-signal check looks: the request, its resource entries, their scope entries
   * and the spans, log records or metrics in those. The shapes of two signals part by then, and
   * checking every attribute of every item would cost more than the parse.
   */
  private static final int CHECKED_LEVELS = 4;

  private ProtoRequests() {}

  /** The export request of the signal; its class is that of {@link Signal#emptyRequest}. */
  static Message parse(Signal signal, Payload payload) throws OtlpDecodeException {
    CodedInputStream input =
        CodedInputStream.newInstance(payload.bytes, payload.offset, payload.length);
    input.setRecursionLimit(RECURSION_LIMIT);
    Message request;
    try {
      request = signal.emptyRequest().getParserForType().parseFrom(input);
    } catch (IOException e) {
      throw new OtlpDecodeException("invalid protobuf: " + e.getMessage(), e);
    }
    checkFields(request, CHECKED_LEVELS);
    return request;
  }

  /** Checks the message and, for {@code levels - 1} more levels, its repeated messages. */
  private static void checkFields(Message message, int levels) throws OtlpDecodeException {
    checkFields(message);
    if (levels == 1) {
      return;
    }
    for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
      if (field.isRepeated() && field.getType() == FieldDescriptor.Type.MESSAGE) {
        for (Object entry : (List<?>) message.getField(field)) {
          checkFields((Message) entry, levels - 1);
        }
      }
    }
  }

  private static void checkFields(Message message) throws OtlpDecodeException {
    Map<Integer, ?> unknown = message.getUnknownFields().asMap();
    if (unknown.isEmpty()) {
      return;
    }
    for (Integer number : unknown.keySet()) {
      FieldDescriptor defined = message.getDescriptorForType().findFieldByNumber(number);
      if (defined != null) {
        throw new OtlpDecodeException(
            String.format(
                "%s field %d (%s) has the wrong wire type: the record is not a request of this"
                    + " signal (is the topic mapped to the right signal?)",
                message.getDescriptorForType().getName(), number, defined.getName()));
      }
    }
  }
}
