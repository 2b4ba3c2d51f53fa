package io.otlpiceberg.decode;

import java.util.Locale;

/** The three OTLP signals; each Kafka topic carries one. */
public enum Signal {
  TRACES("otlp_spans", "resourceSpans"),
  LOGS("otlp_logs", "resourceLogs"),
  METRICS("otlp_metrics", "resourceMetrics");

  private final String defaultTopic;
  private final String jsonField;

  Signal(String defaultTopic, String jsonField) {
    this.defaultTopic = defaultTopic;
    this.jsonField = jsonField;
  }

  /** The topic the Collector's Kafka exporter writes this signal to by default. */
  public String defaultTopic() {
    return defaultTopic;
  }

  /** The top-level field of this signal's export request in OTLP/JSON. */
  String jsonField() {
    return jsonField;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code traces}, {@code logs} or {@code metrics} (any case); null if it is none. */
  public static Signal parse(String text) {
    if (text == null) {
      return null;
    }
    for (Signal signal : values()) {
      if (signal.label().equalsIgnoreCase(text.trim())) {
        return signal;
      }
    }
    return null;
  }
}
