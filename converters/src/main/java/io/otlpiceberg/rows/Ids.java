package io.otlpiceberg.rows;

import com.google.protobuf.ByteString;
import io.otlpiceberg.decode.OtlpDecodeException;

/**
 * Trace and span ids: 16 and 8 bytes, or empty. Any other length is refused, as the Collector
 * refuses it; it is also the surest sign that a record of another signal was read as this one.
 */
final class Ids {
  private Ids() {}

  static String traceId(ByteString id, String where) throws OtlpDecodeException {
    return checked(id, 16, "trace_id", where);
  }

  static String spanId(ByteString id, String where) throws OtlpDecodeException {
    return checked(id, 8, "span_id", where);
  }

  private static String checked(ByteString id, int length, String field, String where)
      throws OtlpDecodeException {
    int size = id.size();
    if (size != length && size != 0) {
      throw new OtlpDecodeException(
          String.format(
              "%s %s is %d bytes, expected %d (or empty): the record is not a valid request of this"
                  + " signal (is the topic mapped to the right signal?)",
              where, field, size, length));
    }
    return Hex.id(id);
  }
}
