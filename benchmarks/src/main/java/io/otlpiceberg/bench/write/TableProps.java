package io.otlpiceberg.bench.write;

import java.util.LinkedHashMap;
import java.util.Map;

/** Extra table properties for an experiment, from {@code -Dotlp.bench.table-props=k=v,k=v}. */
final class TableProps {
  static final String PROPERTY = "otlp.bench.table-props";

  private TableProps() {}

  static Map<String, String> fromSystemProperty() {
    return parse(System.getProperty(PROPERTY, ""));
  }

  static Map<String, String> parse(String text) {
    Map<String, String> props = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(PROPERTY + ": expected key=value, found '" + pair + "'");
      }
      props.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return props;
  }
}
