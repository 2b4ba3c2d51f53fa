package io.otlpiceberg.telemetry;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/** The small OTLP values every request builder needs: attributes and ids. */
public final class OtlpValues {
  private OtlpValues() {}

  public static AnyValue str(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }

  public static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  public static KeyValue kv(String key, String value) {
    return kv(key, str(value));
  }

  public static KeyValue kv(String key, long value) {
    return kv(key, AnyValue.newBuilder().setIntValue(value).build());
  }

  public static KeyValue kv(String key, double value) {
    return kv(key, AnyValue.newBuilder().setDoubleValue(value).build());
  }

  public static KeyValue kv(String key, boolean value) {
    return kv(key, AnyValue.newBuilder().setBoolValue(value).build());
  }

  public static KeyValue kvArray(String key, AnyValue... values) {
    ArrayValue.Builder array = ArrayValue.newBuilder();
    for (AnyValue value : values) {
      array.addValues(value);
    }
    return kv(key, AnyValue.newBuilder().setArrayValue(array).build());
  }

  /** A 16-byte trace id made of two longs, so a test can name it and find it again. */
  public static byte[] traceId(long high, long low) {
    return ByteBuffer.allocate(16).putLong(high).putLong(low).array();
  }

  /** An 8-byte span id. */
  public static byte[] spanId(long value) {
    return ByteBuffer.allocate(8).putLong(value).array();
  }

  /** Lower-case hex, as the tables store ids. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
