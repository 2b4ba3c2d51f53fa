package io.otlpiceberg.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.google.protobuf.Message;
import java.io.IOException;

/**
 * One JSON scalar, read by its field's protobuf type with {@link JsonFields}' rules and set on the
 * message's builder (added, for a repeated field).
 */
final class JsonScalars {
  private JsonScalars() {}

  static void set(JsonParser p, FieldSchema field, String key, Message.Builder builder)
      throws IOException, OtlpDecodeException {
    switch (field.type) {
      case STRING:
        field.objects.set(builder, JsonFields.string(p, key));
        return;
      case BYTES:
        field.objects.set(
            builder,
            field.idLength > 0 ? JsonFields.id(p, key, field.idLength) : JsonFields.base64(p, key));
        return;
      case BOOL:
        field.booleans.set(builder, JsonFields.bool(p, key));
        return;
      case DOUBLE:
        field.doubles.set(builder, JsonFields.float64(p, key));
        return;
      case FLOAT:
        field.floats.set(builder, (float) JsonFields.float64(p, key));
        return;
      case ENUM:
        field.ints.set(builder, JsonFields.enumNumber(p, key, field.descriptor.getEnumType()));
        return;
      case INT32:
      case SINT32:
      case SFIXED32:
        field.ints.set(builder, JsonFields.int32(p, key));
        return;
      case UINT32:
      case FIXED32:
        field.ints.set(builder, JsonFields.uint32(p, key));
        return;
      case INT64:
      case SINT64:
      case SFIXED64:
        field.longs.set(builder, JsonFields.int64(p, key));
        return;
      case UINT64:
      case FIXED64:
        field.longs.set(builder, JsonFields.uint64(p, key));
        return;
      default:
        throw new IllegalStateException("not a scalar: " + field.descriptor.getFullName());
    }
  }
}
