package io.otlpiceberg.sink;

import io.otlpiceberg.config.ConfigValidation;
import io.otlpiceberg.config.OtlpSinkConfig;
import io.otlpiceberg.converter.PluginVersion;
import java.util.Map;
import org.apache.iceberg.connect.IcebergSinkConnector;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

/**
 * Sink connector for OTLP records from the OpenTelemetry Collector's Kafka exporter into the seven
 * otlp-iceberg tables. It is the Iceberg sink connector with our defaults and routing: the Iceberg
 * sink's workers and coordinator write and commit (one snapshot per table per interval, offsets in
 * the snapshot).
 */
public class OtlpIcebergSinkConnector extends IcebergSinkConnector {

  @Override
  public String version() {
    return PluginVersion.VERSION;
  }

  /** Fails on a config {@link #validate} would refuse, then starts the Iceberg sink with ours. */
  @Override
  public void start(Map<String, String> props) {
    ConfigValidation.requireValid(props);
    super.start(OtlpSinkConfig.resolve(props));
  }

  @Override
  public Class<? extends Task> taskClass() {
    return OtlpIcebergSinkTask.class;
  }

  @Override
  public ConfigDef config() {
    return OtlpSinkConfig.configDef();
  }

  @Override
  public Config validate(Map<String, String> props) {
    return ConfigValidation.validate(props);
  }
}
