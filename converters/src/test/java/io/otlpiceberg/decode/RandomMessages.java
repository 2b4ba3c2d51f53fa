package io.otlpiceberg.decode;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Random;

/**
 * Random messages with every field set, found by walking the descriptors, so a field a newer proto
 * adds is filled without this class changing. One member of each oneof is set (a different one from
 * message to message); repeated fields get one to three entries. Recursive values (AnyValue in
 * arrays and maps) stop nesting at a fixed depth.
 */
final class RandomMessages {
  /** Message depth from the request below which a oneof takes only non-message members. */
  private static final int MAX_DEPTH = 9;

  private static final List<Double> SPECIAL_DOUBLES =
      List.of(
          Double.NaN,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY,
          -0.0,
          0.0,
          Double.MIN_VALUE,
          Double.MAX_VALUE,
          -Double.MAX_VALUE,
          1e-300,
          0.1,
          1.0 / 3);

  private static final List<Long> SPECIAL_LONGS =
      List.of(
          0L,
          1L,
          -1L,
          Long.MIN_VALUE,
          Long.MAX_VALUE,
          1L << 53,
          (1L << 53) + 1,
          1_700_000_000_123_456_789L);

  private static final String[] SAMPLES = {
    "", "GET /api/v1/orders?id=42", "\"quoted\" \\ back\\slash", "tab\tnew\nline\r",
    "\u0000\u0001\u001f", "caf\u00e9 \u00fc\u00df", "\u65e5\u672c\u8a9e", "\ud83d\ude80 rocket",
    "</script>", "\u2028\u2029"
  };

  private final Random random;

  RandomMessages(long seed) {
    this.random = new Random(seed);
  }

  @SuppressWarnings("unchecked")
  <T extends Message> T next(T prototype) {
    return (T) fill(prototype.newBuilderForType(), 0).build();
  }

  private Message.Builder fill(Message.Builder builder, int depth) {
    Descriptor type = builder.getDescriptorForType();
    for (FieldDescriptor field : type.getFields()) {
      if (field.getRealContainingOneof() != null) {
        continue;
      }
      if (field.isRepeated()) {
        int count =
            1 + random.nextInt(field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? 2 : 3);
        for (int i = 0; i < count; i++) {
          builder.addRepeatedField(field, value(builder, field, depth));
        }
      } else {
        builder.setField(field, value(builder, field, depth));
      }
    }
    for (OneofDescriptor oneof : type.getRealOneofs()) {
      List<FieldDescriptor> members = oneof.getFields();
      FieldDescriptor member = members.get(random.nextInt(members.size()));
      while (depth >= MAX_DEPTH && member.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        member = members.get(random.nextInt(members.size()));
      }
      builder.setField(member, value(builder, member, depth));
    }
    return builder;
  }

  private Object value(Message.Builder builder, FieldDescriptor field, int depth) {
    switch (field.getJavaType()) {
      case INT:
        return random.nextInt(4) == 0 ? random.nextInt(1000) : random.nextInt();
      case LONG:
        return random.nextInt(3) == 0
            ? SPECIAL_LONGS.get(random.nextInt(SPECIAL_LONGS.size()))
            : random.nextLong();
      case DOUBLE:
        return random.nextInt(3) == 0
            ? SPECIAL_DOUBLES.get(random.nextInt(SPECIAL_DOUBLES.size()))
            : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
      case FLOAT:
        return random.nextFloat();
      case BOOLEAN:
        return random.nextBoolean();
      case STRING:
        return string();
      case BYTE_STRING:
        // Trace and span ids as OTLP sizes them; any other bytes of any length.
        return bytes(FieldSchema.idLength(field));
      case ENUM:
        return enumValue(field.getEnumType());
      case MESSAGE:
        return fill(builder.newBuilderForField(field), depth + 1).build();
      default:
        throw new IllegalStateException(field.getFullName());
    }
  }

  private String string() {
    StringBuilder text = new StringBuilder(SAMPLES[random.nextInt(SAMPLES.length)]);
    for (int i = random.nextInt(12); i > 0; i--) {
      // any code point but lone surrogates, which a protobuf string cannot hold
      int cp;
      do {
        cp =
            random.nextInt(4) == 0
                ? random.nextInt(Character.MAX_CODE_POINT + 1)
                : 32 + random.nextInt(95);
      } while (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
      text.appendCodePoint(cp);
    }
    return text.toString();
  }

  private ByteString bytes(int length) {
    byte[] bytes = new byte[length > 0 ? length : random.nextInt(20)];
    random.nextBytes(bytes);
    return ByteString.copyFrom(bytes);
  }

  /** A defined value mostly; now and then a number this proto version does not name. */
  private Object enumValue(EnumDescriptor type) {
    if (random.nextInt(10) == 0) {
      return type.findValueByNumberCreatingIfUnknown(1000 + random.nextInt(1000));
    }
    return type.getValues().get(random.nextInt(type.getValues().size()));
  }
}
