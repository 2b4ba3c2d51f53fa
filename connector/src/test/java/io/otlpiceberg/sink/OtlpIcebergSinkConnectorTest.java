package io.otlpiceberg.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otlpiceberg.config.OtlpSinkConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class OtlpIcebergSinkConnectorTest {

  private static Map<String, String> userConfig() {
    Map<String, String> props = new HashMap<>();
    props.put("name", "otlp");
    props.put("topics", "otlp_spans");
    props.put("value.converter", "io.otlpiceberg.converter.OtlpConverter");
    props.put("iceberg.catalog.type", "rest");
    props.put("iceberg.catalog.uri", "http://localhost:8181");
    props.put("iceberg.table.otel.traces.commit-branch", "main");
    return props;
  }

  @Test
  void everyTaskGetsTheResolvedConfigWithItsOwnTaskIdAndTheIcebergKeysAsWritten() {
    OtlpIcebergSinkConnector connector = new OtlpIcebergSinkConnector();
    connector.start(userConfig());

    List<Map<String, String>> tasks = connector.taskConfigs(2);

    assertThat(tasks).hasSize(2);
    assertThat(tasks).extracting(t -> t.get("task.id")).containsExactly("0", "1");
    assertThat(tasks)
        .allSatisfy(
            t ->
                assertThat(t)
                    .containsEntry("otlp.namespace", "otel")
                    .containsEntry("iceberg.tables.route-field", OtlpSinkConfig.ROUTE_FIELD)
                    .containsEntry("iceberg.control.topic", "otlp-control")
                    .containsEntry("iceberg.table.otel.traces.commit-branch", "main"));
    assertThat(connector.taskClass()).isEqualTo(OtlpIcebergSinkTask.class);
    assertThat(connector.version()).isNotBlank().isNotEqualTo("unknown");
  }

  @Test
  void startRefusesAConfigValidateWouldRefuse() {
    Map<String, String> props = userConfig();
    props.put("iceberg.tables", "otel.traces");

    assertThatThrownBy(() -> new OtlpIcebergSinkConnector().start(props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("remove iceberg.tables");
  }
}
