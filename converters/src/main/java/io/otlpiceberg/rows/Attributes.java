package io.otlpiceberg.rows;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OTLP key-value lists as {@code map<string,string>} columns. */
final class Attributes {
  /**
   * Up to this many attributes are held in an {@link AttributeMap}, whose duplicate check scans: a
   * few hundred comparisons at most. Beyond it (rare, or hostile) a hash map keeps the cost linear.
   */
  static final int SCANNED = 16;

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
    if (n > SCANNED) {
      Map<String, String> map = new LinkedHashMap<>(capacityFor(n));
      for (int i = 0; i < n; i++) {
        KeyValue kv = attributes.get(i);
        map.put(kv.getKey(), AnyValues.asString(kv.getValue()));
      }
      return map;
    }
    String[] keys = new String[n];
    String[] values = new String[n];
    int size = 0;
    for (int i = 0; i < n; i++) {
      KeyValue kv = attributes.get(i);
      String key = kv.getKey();
      String value = AnyValues.asString(kv.getValue());
      int at = AttributeMap.indexOf(keys, size, key);
      if (at < 0) {
        keys[size] = key;
        values[size++] = value;
      } else {
        // Where the key came first, with the value it came with last: what LinkedHashMap does.
        values[at] = value;
      }
    }
    return new AttributeMap(keys, values, size);
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
