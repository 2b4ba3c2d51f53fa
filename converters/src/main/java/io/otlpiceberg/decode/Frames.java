package io.otlpiceberg.decode;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Strips the frames that schema-registry serializers put in front of a message. An OTLP protobuf
 * request starts with the tag byte {@code 0x0a} and OTLP/JSON with {@code {} or white space, so
 * the first byte tells the three apart without guessing:
 *
 * <ul>
 *   <li>{@code 0x00}: Confluent wire format: a 4-byte schema id, then for protobuf the message
 *       indexes (a zig-zag varint count, then that many zig-zag varints; a single {@code 0} means
 *       the first message), for JSON nothing;
 *   <li>{@code 0x03}: AWS Glue Schema Registry: a compression byte (0 none, 5 zlib) and a 16-byte
 *       schema version id, then for protobuf one varint message index, for JSON nothing.
 * </ul>
 */
final class Frames {
  private static final byte CONFLUENT_MAGIC = 0;
  private static final byte GLUE_HEADER_VERSION = 3;
  private static final int CONFLUENT_HEADER = 5;
  private static final int GLUE_HEADER = 18;
  private static final byte GLUE_UNCOMPRESSED = 0;
  private static final byte GLUE_ZLIB = 5;

  /** Far more message indexes than any real .proto file nests; a bound against hostile counts. */
  private static final int MAX_MESSAGE_INDEXES = 64;

  private Frames() {}

  static Payload strip(byte[] value, int maxDecompressedBytes) throws OtlpDecodeException {
    if (value.length == 0) {
      return new Payload(value, 0, 0);
    }
    switch (value[0]) {
      case CONFLUENT_MAGIC:
        return confluent(value);
      case GLUE_HEADER_VERSION:
        return glue(value, maxDecompressedBytes);
      default:
        return new Payload(value, 0, value.length);
    }
  }

  private static Payload confluent(byte[] value) throws OtlpDecodeException {
    if (value.length < CONFLUENT_HEADER) {
      throw new OtlpDecodeException(
          "Confluent wire-format frame is truncated: "
              + value.length
              + " bytes, the header alone is 5 (magic byte 0 and a 4-byte schema id)");
    }
    Payload json = new Payload(value, CONFLUENT_HEADER, value.length - CONFLUENT_HEADER);
    if (json.looksLikeJson()) {
      return json;
    }
    VarintReader in = new VarintReader(value, CONFLUENT_HEADER, "Confluent message indexes");
    long count = in.zigZag();
    if (count < 0 || count > MAX_MESSAGE_INDEXES) {
      throw new OtlpDecodeException(
          "Confluent frame has a message-index count of "
              + count
              + ", expected 0 to "
              + MAX_MESSAGE_INDEXES);
    }
    for (long i = 0; i < count; i++) {
      long index = in.zigZag();
      if (index < 0) {
        throw new OtlpDecodeException("Confluent frame has a negative message index: " + index);
      }
    }
    return new Payload(value, in.position(), value.length - in.position());
  }

  private static Payload glue(byte[] value, int maxDecompressedBytes) throws OtlpDecodeException {
    if (value.length < GLUE_HEADER) {
      throw new OtlpDecodeException(
          "AWS Glue Schema Registry frame is truncated: "
              + value.length
              + " bytes, the header alone is 18 (version 3, compression, 16-byte schema version id)");
    }
    byte compression = value[1];
    byte[] body;
    int offset;
    if (compression == GLUE_UNCOMPRESSED) {
      body = value;
      offset = GLUE_HEADER;
    } else if (compression == GLUE_ZLIB) {
      body = inflate(value, GLUE_HEADER, maxDecompressedBytes);
      offset = 0;
    } else {
      throw new OtlpDecodeException(
          "AWS Glue Schema Registry frame has compression byte "
              + compression
              + ", expected 0 (none) or 5 (zlib)");
    }
    Payload json = new Payload(body, offset, body.length - offset);
    if (json.looksLikeJson()) {
      return json;
    }
    VarintReader in = new VarintReader(body, offset, "AWS Glue message index");
    in.varint();
    return new Payload(body, in.position(), body.length - in.position());
  }

  private static byte[] inflate(byte[] value, int offset, int maxBytes) throws OtlpDecodeException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(value, offset, value.length - offset);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, value.length * 4));
      byte[] chunk = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(chunk);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new OtlpDecodeException("AWS Glue zlib payload is truncated or corrupt");
        }
        if (out.size() + n > maxBytes) {
          throw new OtlpDecodeException(
              "AWS Glue zlib payload inflates to more than "
                  + maxBytes
                  + " bytes (max.decompressed.bytes)");
        }
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new OtlpDecodeException("AWS Glue zlib payload is corrupt: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }

  /** Reads protobuf varints with bounds checks, for frame headers only. */
  private static final class VarintReader {
    private final byte[] bytes;
    private final String what;
    private int position;

    VarintReader(byte[] bytes, int position, String what) {
      this.bytes = bytes;
      this.position = position;
      this.what = what;
    }

    long varint() throws OtlpDecodeException {
      long result = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (position >= bytes.length) {
          throw new OtlpDecodeException(what + " run past the end of the record");
        }
        byte b = bytes[position++];
        result |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return result;
        }
      }
      throw new OtlpDecodeException(what + " holds a malformed varint");
    }

    long zigZag() throws OtlpDecodeException {
      long n = varint();
      return (n >>> 1) ^ -(n & 1);
    }

    int position() {
      return position;
    }
  }
}
