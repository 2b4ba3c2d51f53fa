package io.otlpiceberg.rows;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OTLP key-value lists as {@code map<string,string>} columns. */
final class Attributes {
  private Attributes() {}

  /**
   * The attributes in their order, values rendered by {@link AnyValues#asString}; the last of
   * duplicate keys wins, as in the Collector's maps. An empty list is a shared empty map.
   */
  static Map<String, String> of(List<KeyValue> attributes) {
    int n = attributes.size();
    if (n == 0) {
      return Collections.emptyMap();
    }
    Map<String, String> map = new LinkedHashMap<>(capacityFor(n));
    for (int i = 0; i < n; i++) {
      KeyValue kv = attributes.get(i);
      map.put(kv.getKey(), AnyValues.asString(kv.getValue()));
    }
    return map;
  }

  /** The string form of one attribute, or null when it is absent. */
  static String find(List<KeyValue> attributes, String key) {
    String found = null;
    for (int i = 0; i < attributes.size(); i++) {
      KeyValue kv = attributes.get(i);
      if (kv.getKey().equals(key)) {
        found = AnyValues.asString(kv.getValue());
      }
    }
    return found;
  }

  private static int capacityFor(int entries) {
    return (int) (entries / 0.75f) + 1;
  }
}
