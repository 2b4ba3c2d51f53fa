package io.otlpiceberg.decode;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A field's setter ({@code setName}, {@code addAttributes}, {@code setKindValue}, ...) on its
 * message's generated builder, bound once as a plain interface call. Protobuf's own reflection
 * ({@code Message.Builder.setField}) would box every number and go through {@code Method.invoke}
 * per value; this costs what the hand-written call did.
 */
final class BuilderSetter {
  interface OfLong {
    void set(Message.Builder builder, long value);
  }

  interface OfInt {
    void set(Message.Builder builder, int value);
  }

  interface OfDouble {
    void set(Message.Builder builder, double value);
  }

  interface OfFloat {
    void set(Message.Builder builder, float value);
  }

  interface OfBoolean {
    void set(Message.Builder builder, boolean value);
  }

  /** Strings, bytes and messages. */
  interface OfObject {
    void set(Message.Builder builder, Object value);
  }

  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  private BuilderSetter() {}

  /**
   * The setter of a field of the message whose builder class is given, as one of the interfaces
   * above, chosen by the field's Java type; {@code messageClass} is a message field's type.
   */
  static Object of(Class<?> builderClass, FieldDescriptor field, Class<?> messageClass) {
    boolean isEnum = field.getJavaType() == FieldDescriptor.JavaType.ENUM;
    // protoc's Java names: set/add, the field's name in UpperCamelCase, "Value" for an enum's
    // number (which keeps numbers this proto version does not name).
    String name = (field.isRepeated() ? "add" : "set") + javaName(field) + (isEnum ? "Value" : "");
    Class<?> type = valueClass(field, messageClass);
    Class<?> sam;
    Class<?> samValue;
    switch (field.getJavaType()) {
      case LONG:
        sam = OfLong.class;
        samValue = long.class;
        break;
      case INT:
      case ENUM:
        sam = OfInt.class;
        samValue = int.class;
        break;
      case DOUBLE:
        sam = OfDouble.class;
        samValue = double.class;
        break;
      case FLOAT:
        sam = OfFloat.class;
        samValue = float.class;
        break;
      case BOOLEAN:
        sam = OfBoolean.class;
        samValue = boolean.class;
        break;
      default:
        sam = OfObject.class;
        samValue = Object.class;
    }
    try {
      MethodHandle setter =
          LOOKUP.findVirtual(builderClass, name, MethodType.methodType(builderClass, type));
      return LambdaMetafactory.metafactory(
              LOOKUP,
              "set",
              MethodType.methodType(sam),
              MethodType.methodType(void.class, Message.Builder.class, samValue),
              setter,
              MethodType.methodType(void.class, builderClass, type))
          .getTarget()
          .invoke();
    } catch (Throwable e) {
      throw new IllegalStateException(
          "no builder method "
              + builderClass.getName()
              + "."
              + name
              + " for "
              + field.getFullName(),
          e);
    }
  }

  private static Class<?> valueClass(FieldDescriptor field, Class<?> messageClass) {
    switch (field.getJavaType()) {
      case LONG:
        return long.class;
      case INT:
      case ENUM:
        return int.class;
      case DOUBLE:
        return double.class;
      case FLOAT:
        return float.class;
      case BOOLEAN:
        return boolean.class;
      case STRING:
        return String.class;
      case BYTE_STRING:
        return ByteString.class;
      default:
        return messageClass;
    }
  }

  /**
   * protoc's Java name of a field: its JSON name (underscores already dropped, the letter after one
   * capitalized) with the first letter, and any letter after a digit, capitalized.
   */
  private static String javaName(FieldDescriptor field) {
    char[] name = field.getJsonName().toCharArray();
    for (int i = 0; i < name.length; i++) {
      if (i == 0 || Character.isDigit(name[i - 1])) {
        name[i] = Character.toUpperCase(name[i]);
      }
    }
    return new String(name);
  }
}
