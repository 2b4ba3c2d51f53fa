package io.otlpiceberg.rows;

import com.google.protobuf.ByteString;

/** Trace and span ids as lowercase hex, the form every trace backend shows. */
final class Hex {
  private static final byte[] DIGITS =
      "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private Hex() {}

  /** The id as lowercase hex; an empty id is null. */
  @SuppressWarnings(
      "deprecation") // the (byte[], hibyte, offset, count) constructor is the fast ASCII path
  static String id(ByteString id) {
    int n = id.size();
    if (n == 0) {
      return null;
    }
    byte[] out = new byte[n * 2];
    for (int i = 0; i < n; i++) {
      int b = id.byteAt(i) & 0xff;
      out[2 * i] = DIGITS[b >>> 4];
      out[2 * i + 1] = DIGITS[b & 0x0f];
    }
    return new String(out, 0, 0, out.length);
  }
}
