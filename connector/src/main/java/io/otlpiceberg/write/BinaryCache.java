package io.otlpiceberg.write;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.io.api.Binary;

/**
 * The UTF-8 bytes of strings one column has seen, by content, so that equal strings become the same
 * bytes: encoded once, and found in Parquet's dictionary by reference instead of by a byte
 * comparison. A column whose values rarely repeat (ids, log lines) would only pay for the lookups,
 * so the cache watches its hit rate and stops looking once it falls below one in four. It lives as
 * long as its file's writer, and holds at most {@link #CAPACITY} strings.
 */
final class BinaryCache {
  static final int CAPACITY = 1024;
  private static final int SAMPLE = 4096;

  /** Null once off: a writer is open for a whole commit interval, and there are many. */
  private Map<String, Binary> bytes = new HashMap<>();

  private int lookups;
  private int hits;

  Binary bytes(String value) {
    if (bytes == null) {
      return encode(value);
    }
    Binary found = bytes.get(value);
    if (found != null) {
      hits++;
    } else {
      found = encode(value);
      if (bytes.size() < CAPACITY) {
        bytes.put(value, found);
      }
    }
    if (++lookups == SAMPLE) {
      if (hits < SAMPLE / 4) {
        bytes = null;
      }
      lookups = 0;
      hits = 0;
    }
    return found;
  }

  /**
   * Backed by an array, not by {@link Binary#fromString}'s byte buffer: Parquet's dictionary hashes
   * and compares every value it is given, and an array is quicker to walk.
   */
  static Binary encode(String value) {
    return Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
  }
}
