package io.otlpiceberg.write;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

class BinaryCacheTest {

  @Test
  void equalStringsGetTheSameBytes() {
    BinaryCache cache = new BinaryCache();
    Binary first = cache.bytes(new String("http.method"));
    Binary again = cache.bytes(new String("http.method"));
    assertThat(again).isSameAs(first);
    assertThat(first.toStringUsingUTF8()).isEqualTo("http.method");
    assertThat(cache.bytes("é✓")).isEqualTo(Binary.fromString("é✓"));
  }

  @Test
  void stopsCachingWhenValuesRarelyRepeat() {
    BinaryCache cache = new BinaryCache();
    for (int i = 0; i < 4096; i++) {
      cache.bytes("id-" + i);
    }
    // The sample of unique values turned it off: even a string it holds is encoded afresh.
    Binary fresh = cache.bytes("id-1");
    assertThat(fresh).isEqualTo(Binary.fromString("id-1"));
    assertThat(cache.bytes("id-1")).isNotSameAs(fresh);
  }

  @Test
  void keepsCachingWhileValuesRepeat() {
    BinaryCache cache = new BinaryCache();
    Binary method = cache.bytes("GET");
    for (int i = 0; i < 3 * 4096; i++) {
      cache.bytes(i % 2 == 0 ? "GET" : "id-" + i);
    }
    assertThat(cache.bytes("GET")).isSameAs(method);
  }

  @Test
  void holdsAtMostItsCapacity() {
    BinaryCache cache = new BinaryCache();
    for (int i = 0; i < BinaryCache.CAPACITY; i++) {
      cache.bytes("k" + i);
    }
    Binary beyond = cache.bytes("beyond");
    assertThat(cache.bytes("beyond")).isNotSameAs(beyond).isEqualTo(beyond);
    assertThat(cache.bytes("k0")).isSameAs(cache.bytes("k0"));
  }
}
