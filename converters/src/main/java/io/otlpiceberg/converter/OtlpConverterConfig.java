package io.otlpiceberg.converter;

import io.otlpiceberg.decode.OtlpDecoder;
import io.otlpiceberg.decode.Signal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of {@link OtlpConverter}, given as {@code value.converter.<key>}. The Collector's Kafka
 * exporter writes no headers, so a record's signal is known from its topic alone.
 */
public final class OtlpConverterConfig extends AbstractConfig {
  public static final String TRACES_TOPICS = "traces.topics";
  public static final String LOGS_TOPICS = "logs.topics";
  public static final String METRICS_TOPICS = "metrics.topics";
  public static final String DEFAULT_SIGNAL = "default.signal";
  public static final String MAX_DECOMPRESSED_BYTES = "max.decompressed.bytes";

  private static final String GROUP = "OTLP decoding";

  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(
              TRACES_TOPICS,
              Type.LIST,
              Signal.TRACES.defaultTopic(),
              Importance.HIGH,
              "Topics that carry OTLP traces (ExportTraceServiceRequest, one per record). The"
                  + " default is the Collector Kafka exporter's traces topic.",
              GROUP,
              1,
              ConfigDef.Width.LONG,
              "Traces topics")
          .define(
              LOGS_TOPICS,
              Type.LIST,
              Signal.LOGS.defaultTopic(),
              Importance.HIGH,
              "Topics that carry OTLP logs (ExportLogsServiceRequest, one per record).",
              GROUP,
              2,
              ConfigDef.Width.LONG,
              "Logs topics")
          .define(
              METRICS_TOPICS,
              Type.LIST,
              Signal.METRICS.defaultTopic(),
              Importance.HIGH,
              "Topics that carry OTLP metrics (ExportMetricsServiceRequest, one per record).",
              GROUP,
              3,
              ConfigDef.Width.LONG,
              "Metrics topics")
          .define(
              DEFAULT_SIGNAL,
              Type.STRING,
              "",
              ConfigDef.LambdaValidator.with(
                  (name, value) -> {
                    String text = (String) value;
                    if (!text.isEmpty() && Signal.parse(text) == null) {
                      throw new ConfigException(
                          name,
                          value,
                          "write traces, logs or metrics, or leave it empty to refuse records"
                              + " from topics not listed in "
                              + TRACES_TOPICS
                              + ", "
                              + LOGS_TOPICS
                              + " or "
                              + METRICS_TOPICS);
                    }
                  },
                  () -> "\"\", traces, logs or metrics"),
              Importance.LOW,
              "Signal of records from topics not listed in the *.topics settings. Empty (the"
                  + " default) refuses such records with an error naming the topic.",
              GROUP,
              4,
              ConfigDef.Width.SHORT,
              "Default signal")
          .define(
              MAX_DECOMPRESSED_BYTES,
              Type.INT,
              OtlpDecoder.DEFAULT_MAX_DECOMPRESSED_BYTES,
              ConfigDef.Range.atLeast(1024),
              Importance.LOW,
              "Largest size a compressed (AWS Glue Schema Registry zlib) record may inflate to;"
                  + " a bound against decompression bombs.",
              GROUP,
              5,
              ConfigDef.Width.SHORT,
              "Max decompressed bytes");

  private final Map<String, Signal> signalByTopic;
  private final Signal defaultSignal;

  public OtlpConverterConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props);
    signalByTopic = new HashMap<>();
    addTopics(TRACES_TOPICS, Signal.TRACES);
    addTopics(LOGS_TOPICS, Signal.LOGS);
    addTopics(METRICS_TOPICS, Signal.METRICS);
    defaultSignal = Signal.parse(getString(DEFAULT_SIGNAL));
  }

  private void addTopics(String key, Signal signal) {
    List<String> topics = getList(key);
    for (String topic : topics) {
      String name = topic.trim();
      if (name.isEmpty()) {
        continue;
      }
      Signal previous = signalByTopic.put(name, signal);
      if (previous != null && previous != signal) {
        throw new ConfigException(
            key,
            topics,
            "topic '"
                + name
                + "' is listed for both "
                + previous.label()
                + " and "
                + signal.label()
                + "; a topic carries one signal: remove it from one list");
      }
    }
  }

  /** The topic's signal, or null when it is not configured. */
  public Signal signalFor(String topic) {
    Signal signal = signalByTopic.get(topic);
    return signal != null ? signal : defaultSignal;
  }

  public int maxDecompressedBytes() {
    return getInt(MAX_DECOMPRESSED_BYTES);
  }
}
