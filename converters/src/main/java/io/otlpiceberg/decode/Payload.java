package io.otlpiceberg.decode;

/** The bytes of the OTLP message inside a record value, once any registry frame is removed. */
final class Payload {
  final byte[] bytes;
  final int offset;
  final int length;

  Payload(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.offset = offset;
    this.length = length;
  }

  /** OTLP/JSON is an object; anything else is taken for protobuf. */
  boolean looksLikeJson() {
    int end = offset + length;
    int i = offset;
    while (i < end && isJsonWhitespace(bytes[i])) {
      i++;
    }
    // Only the start counts: a message cut short is still JSON, and must be reported as such.
    // No export request in protobuf starts with '{' (field 15, a group).
    return i < end && bytes[i] == '{';
  }

  /**
   * Whether the first byte is the tag a protobuf export request starts with (field 1, length
   * delimited). It is also a JSON newline, so a message that looks like JSON but is not may still
   * be protobuf.
   */
  boolean mayBeProtobuf() {
    return length > 0 && bytes[offset] == 0x0a;
  }

  private static boolean isJsonWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }
}
