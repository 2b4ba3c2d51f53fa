package io.otlpiceberg.decode;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.Type;
import com.google.protobuf.Message;

/** One field of a message: how its JSON value is read and set on the message's builder. */
final class FieldSchema {
  final FieldDescriptor descriptor;
  final Type type;
  final boolean repeated;

  /**
   * The byte length of a trace or span id, which OTLP/JSON writes as hex (protobuf's JSON mapping
   * would write base64); 0 for any other field. The descriptor cannot tell: the OTLP specification
   * names these fields.
   */
  final int idLength;

  /** Its place among its message's fields in field-number order. */
  final int index;

  /** The setter, of the {@link BuilderSetter} interface that fits the field's Java type. */
  final BuilderSetter.OfLong longs;

  final BuilderSetter.OfInt ints;
  final BuilderSetter.OfDouble doubles;
  final BuilderSetter.OfFloat floats;
  final BuilderSetter.OfBoolean booleans;
  final BuilderSetter.OfObject objects;

  /** A message field's type, empty; null for other fields. */
  private final Message messagePrototype;

  private volatile MessageSchema message;

  FieldSchema(Message.Builder owner, FieldDescriptor descriptor, int index) {
    if (descriptor.isMapField() || descriptor.getType() == Type.GROUP) {
      // OTLP has neither; reading one as a plain message would lose it.
      throw new IllegalStateException(
          "OTLP/JSON reader: unsupported field " + descriptor.getFullName());
    }
    this.descriptor = descriptor;
    this.type = descriptor.getType();
    this.repeated = descriptor.isRepeated();
    this.idLength = idLength(descriptor);
    this.index = index;
    this.messagePrototype =
        type == Type.MESSAGE
            ? owner.newBuilderForField(descriptor).getDefaultInstanceForType()
            : null;
    Object setter =
        BuilderSetter.of(
            owner.getClass(),
            descriptor,
            messagePrototype == null ? null : messagePrototype.getClass());
    longs = setter instanceof BuilderSetter.OfLong ? (BuilderSetter.OfLong) setter : null;
    ints = setter instanceof BuilderSetter.OfInt ? (BuilderSetter.OfInt) setter : null;
    doubles = setter instanceof BuilderSetter.OfDouble ? (BuilderSetter.OfDouble) setter : null;
    floats = setter instanceof BuilderSetter.OfFloat ? (BuilderSetter.OfFloat) setter : null;
    booleans = setter instanceof BuilderSetter.OfBoolean ? (BuilderSetter.OfBoolean) setter : null;
    objects = setter instanceof BuilderSetter.OfObject ? (BuilderSetter.OfObject) setter : null;
  }

  /** The schema of a message field's type; looked up on first use, as AnyValue is recursive. */
  MessageSchema message() {
    MessageSchema schema = message;
    if (schema == null) {
      schema = MessageSchema.of(messagePrototype);
      message = schema;
    }
    return schema;
  }

  /** The {@link #idLength} of a field; tests that make ids use it too. */
  static int idLength(FieldDescriptor field) {
    if (field.getType() != Type.BYTES) {
      return 0;
    }
    switch (field.getName()) {
      case "trace_id":
        return 16;
      case "span_id":
      case "parent_span_id":
        return 8;
      default:
        return 0;
    }
  }
}
