package io.otlpiceberg.rows;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * OTLP times are unsigned 64-bit nanoseconds since the epoch; zero means "not set". The {@code
 * timestamp} columns are Iceberg {@code timestamptz} (microseconds), so the value is truncated to
 * the microsecond here, exactly as the table will store it; the exact nanoseconds live on in the
 * {@code *_unix_nano} columns.
 */
final class Times {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private Times() {}

  /** The instant as UTC, truncated to microseconds; null for zero. */
  static OffsetDateTime timestamp(long unixNanos) {
    if (unixNanos == 0) {
      return null;
    }
    // Unsigned: values past 2^63 ns (year 2262) are still valid times.
    long seconds = Long.divideUnsigned(unixNanos, NANOS_PER_SECOND);
    int nanos = (int) Long.remainderUnsigned(unixNanos, NANOS_PER_SECOND);
    nanos -= nanos % 1000;
    return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC).atOffset(ZoneOffset.UTC);
  }
}
