package io.otlpiceberg.decode;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Locale;

/** The three OTLP signals; each Kafka topic carries one. */
public enum Signal {
  TRACES("otlp_spans", ExportTraceServiceRequest.getDefaultInstance()),
  LOGS("otlp_logs", ExportLogsServiceRequest.getDefaultInstance()),
  METRICS("otlp_metrics", ExportMetricsServiceRequest.getDefaultInstance());

  private final String defaultTopic;
  private final Message emptyRequest;

  Signal(String defaultTopic, Message emptyRequest) {
    this.defaultTopic = defaultTopic;
    this.emptyRequest = emptyRequest;
  }

  /** The topic the Collector's Kafka exporter writes this signal to by default. */
  public String defaultTopic() {
    return defaultTopic;
  }

  /** The export request of this signal, empty: its descriptor and parser. */
  Message emptyRequest() {
    return emptyRequest;
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
