package io.otlpiceberg.converter;

import io.otlpiceberg.decode.OtlpDecodeException;
import io.otlpiceberg.decode.OtlpDecoder;
import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.metrics.TaskMetrics;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Kafka Connect value converter for the OpenTelemetry Collector's Kafka exporter: each record value
 * is one OTLP export request ({@code otlp_proto} or {@code otlp_json}, optionally in a Confluent or
 * AWS Glue schema-registry frame), turned into the rows it holds.
 *
 * <p>The value it returns is schemaless: a {@code Map<String, List<Map<String, Object>>>} from
 * table name ({@code traces}, {@code logs}, {@code metrics_gauge}, ...) to that table's rows, each
 * row a map from column name to value (see {@code io.otlpiceberg.tables}). Only tables with rows
 * appear; a request without any yields an empty map. A record it cannot decode raises a {@link
 * DataException} naming the topic and the reason, so Connect's {@code errors.tolerance} and
 * dead-letter queue apply to it.
 */
public class OtlpConverter implements Converter, Versioned {
  private OtlpConverterConfig config;
  private OtlpDecoder decoder;
  private TaskMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (isKey) {
      // Keys are not OTLP requests (the Collector's exporter writes a trace id or nothing), and
      // rows decoded from them would never be written.
      throw new ConfigException(
          "key.converter",
          OtlpConverter.class.getName(),
          "OtlpConverter decodes record values only; use it as value.converter and set"
              + " key.converter=org.apache.kafka.connect.converters.ByteArrayConverter");
    }
    config = new OtlpConverterConfig(configs);
    decoder = new OtlpDecoder(config.maxDecompressedBytes());
  }

  @Override
  public String version() {
    return PluginVersion.VERSION;
  }

  @Override
  public ConfigDef config() {
    return OtlpConverterConfig.CONFIG_DEF;
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) {
      return SchemaAndValue.NULL;
    }
    TaskMetrics metrics = metrics();
    Signal signal = config.signalFor(topic);
    if (signal == null) {
      if (metrics != null) {
        metrics.decodeFailed(OtlpDecodeException.Reason.UNMAPPED_TOPIC);
      }
      throw new DataException(
          "Cannot decode record from topic '"
              + topic
              + "': the topic is not mapped to an OTLP"
              + " signal; add it to value.converter."
              + OtlpConverterConfig.TRACES_TOPICS
              + ", "
              + OtlpConverterConfig.LOGS_TOPICS
              + " or "
              + OtlpConverterConfig.METRICS_TOPICS);
    }
    try {
      SchemaAndValue rows = new SchemaAndValue(null, decoder.decode(signal, value).asMap());
      if (metrics != null) {
        metrics.decoded(signal, value.length);
      }
      return rows;
    } catch (OtlpDecodeException e) {
      if (metrics != null) {
        metrics.decodeFailed(e.reason());
      }
      throw new DataException(
          "Cannot decode OTLP "
              + signal.label()
              + " record from topic '"
              + topic
              + "' ("
              + value.length
              + " bytes): "
              + e.getMessage(),
          e);
    }
  }

  /**
   * The metrics of the task this converter decodes for, found at the first record (the task
   * registers them when it starts, after Connect made its converters); null where the converter
   * runs without a task of the connector (another sink, a test).
   */
  private TaskMetrics metrics() {
    if (metrics == null) {
      metrics = TaskMetrics.ofCurrentTask();
    }
    return metrics;
  }

  @Override
  public SchemaAndValue toConnectData(String topic, Headers headers, byte[] value) {
    return toConnectData(topic, value);
  }

  /** This converter only reads: the sink never serializes rows back to Kafka. */
  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    throw new DataException(
        "OtlpConverter decodes OTLP records for sinks only; it cannot serialize (topic '"
            + topic
            + "')");
  }
}
