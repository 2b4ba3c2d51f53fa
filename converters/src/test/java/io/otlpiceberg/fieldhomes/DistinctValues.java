package io.otlpiceberg.fieldhomes;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.Comparator;

/**
 * A value for any field that no unset field reads as: non-empty, non-zero, not the enum's default.
 * Derived from the field's type, so a new field needs nothing written here.
 */
final class DistinctValues {
  private DistinctValues() {}

  /** The value to set, or for a repeated field the one element to add. */
  static Object of(FieldDescriptor field, Message.Builder parent) {
    switch (field.getJavaType()) {
      case STRING:
        return "distinct " + field.getName();
      case BOOLEAN:
        return true;
      case INT:
        return 7;
      case LONG:
        return 1_700_000_000_123_456_789L;
      case FLOAT:
        return 2.5f;
      case DOUBLE:
        return 12.5;
      case BYTE_STRING:
        return bytes(field);
      case ENUM:
        // The last value is never the zero default, and is known to the row builders.
        return field.getEnumType().getValues().stream()
            .max(Comparator.comparingInt(EnumValueDescriptor::getNumber))
            .orElseThrow();
      default:
        return message(parent.newBuilderForField(field));
    }
  }

  /** Puts the distinct value into the field of {@code parent}. */
  static void set(Message.Builder parent, FieldDescriptor field) {
    Object value = of(field, parent);
    if (field.isRepeated()) {
      parent.addRepeatedField(field, value);
    } else {
      parent.setField(field, value);
    }
  }

  /**
   * A message with its first field set: an empty one would read as unset wherever the row builders
   * use the message's default instance.
   */
  private static Message message(Message.Builder builder) {
    set(builder, builder.getDescriptorForType().getFields().get(0));
    return builder.build();
  }

  /** Ids of any length but 16 (trace) or 8 (span) are refused as records of another signal. */
  private static ByteString bytes(FieldDescriptor field) {
    int length =
        field.getName().endsWith("trace_id") ? 16 : field.getName().endsWith("span_id") ? 8 : 3;
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (0xa0 + i);
    }
    return ByteString.copyFrom(bytes);
  }
}
