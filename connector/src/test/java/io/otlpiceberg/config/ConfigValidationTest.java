package io.otlpiceberg.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.connect.IcebergSinkConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {

  private static Map<String, String> minimal() {
    Map<String, String> props = new HashMap<>();
    props.put("name", "otlp");
    props.put("connector.class", "io.otlpiceberg.sink.OtlpIcebergSinkConnector");
    props.put("topics", "otlp_spans,otlp_logs,otlp_metrics");
    props.put("value.converter", "io.otlpiceberg.converter.OtlpConverter");
    props.put("iceberg.catalog.type", "rest");
    props.put("iceberg.catalog.uri", "http://localhost:8181");
    return props;
  }

  private static Map<String, List<String>> errors(Map<String, String> props) {
    return ConfigValidation.validate(props).configValues().stream()
        .filter(v -> !v.errorMessages().isEmpty())
        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  @Test
  void minimalConfigIsValid() {
    assertThat(errors(minimal())).isEmpty();
  }

  @Test
  void resolveFillsOurDefaultsAndOwnsRouting() {
    Map<String, String> resolved = OtlpSinkConfig.resolve(minimal());

    assertThat(resolved)
        .containsEntry("otlp.namespace", "otel")
        .containsEntry("iceberg.control.commit.interval-ms", "60000")
        .containsEntry("iceberg.control.topic", "otlp-control")
        .containsEntry("iceberg.tables.dynamic-enabled", "true")
        .containsEntry("iceberg.tables.route-field", OtlpSinkConfig.ROUTE_FIELD)
        .containsEntry("iceberg.catalog.uri", "http://localhost:8181");
    assertThat(OtlpSinkConfig.resolve(resolved)).isEqualTo(resolved);
    // The Iceberg sink accepts the result as it is.
    IcebergSinkConfig iceberg = new IcebergSinkConfig(resolved);
    assertThat(iceberg.dynamicTablesEnabled()).isTrue();
    assertThat(iceberg.commitIntervalMs()).isEqualTo(60_000);
  }

  @Test
  void userValuesWinOverOurDefaultsAndOtherIcebergKeysPassThrough() {
    Map<String, String> props = minimal();
    props.put("otlp.namespace", "telemetry.prod");
    props.put("otlp.table.prefix", "eu_");
    props.put("iceberg.control.commit.interval-ms", "5000");
    props.put("iceberg.control.topic", "my-control");
    props.put("iceberg.coordinator.transactional.prefix", "otlp-");
    props.put("iceberg.kafka.security.protocol", "SASL_SSL");

    Map<String, String> resolved = OtlpSinkConfig.resolve(props);
    OtlpSinkConfig config = new OtlpSinkConfig(resolved);

    assertThat(resolved)
        .containsEntry("iceberg.control.commit.interval-ms", "5000")
        .containsEntry("iceberg.control.topic", "my-control")
        .containsEntry("iceberg.coordinator.transactional.prefix", "otlp-")
        .containsEntry("iceberg.kafka.security.protocol", "SASL_SSL");
    assertThat(config.identifier(io.otlpiceberg.tables.OtlpTable.METRICS_GAUGE))
        .hasToString("telemetry.prod.eu_metrics_gauge");
    assertThat(errors(props)).isEmpty();
  }

  @Test
  void commitEventsTopicMustBeATopicOfItsOwn() {
    Map<String, String> props = minimal();
    props.put("topics", "otlp_spans,otlp_logs");
    props.put("otlp.commit-events.topic", "otlp-commits");
    assertThat(errors(props)).isEmpty();
    assertThat(new OtlpSinkConfig(OtlpSinkConfig.resolve(props)).commitEventsTopic())
        .isEqualTo("otlp-commits");
    props.put("otlp.commit-events.topic", "");
    assertThat(new OtlpSinkConfig(OtlpSinkConfig.resolve(props)).commitEventsTopic()).isNull();

    props.put("otlp.commit-events.topic", "otlp commits");
    assertThat(errors(props).get("otlp.commit-events.topic"))
        .singleElement()
        .asString()
        .contains("characters other than ASCII alphanumerics")
        .contains("e.g. otlp-commits");
    props.put("otlp.commit-events.topic", "otlp_logs");
    assertThat(errors(props).get("otlp.commit-events.topic"))
        .singleElement()
        .asString()
        .contains("the connector reads this topic");
    props.put("otlp.commit-events.topic", "otlp-control");
    assertThat(errors(props).get("otlp.commit-events.topic"))
        .singleElement()
        .asString()
        .contains("this is the control topic");
    props.remove("topics");
    props.put("topics.regex", "otlp.*");
    props.put("otlp.commit-events.topic", "otlp-commits");
    assertThat(errors(props).get("otlp.commit-events.topic"))
        .singleElement()
        .asString()
        .contains("the connector reads this topic");
  }

  @Test
  void aPromotedAttributeIsCheckedUnderItsTablesKey() {
    Map<String, String> props = minimal();
    props.put("otlp.promote.traces", "attributes.http.route, attributes.http.status_code:long");
    assertThat(errors(props)).isEmpty();
    props.put("otlp.promote.logs", "resource_attributes.service.name");
    assertThat(errors(props).get("otlp.promote.logs"))
        .singleElement()
        .asString()
        .contains("logs already has a column service_name")
        .contains("resource_service_name=resource_attributes.service.name:string");
  }

  @Test
  void missingCatalogSaysWhichKeysToWrite() {
    Map<String, String> props = minimal();
    props.remove("iceberg.catalog.type");
    props.remove("iceberg.catalog.uri");

    assertThat(errors(props).get("iceberg.catalog.type"))
        .singleElement()
        .asString()
        .contains("iceberg.catalog.type=rest")
        .contains("iceberg.catalog.catalog-impl=");
  }

  @Test
  void restCatalogWithoutUriAsksForTheEndpoint() {
    Map<String, String> props = minimal();
    props.remove("iceberg.catalog.uri");

    assertThat(errors(props).get("iceberg.catalog.uri"))
        .singleElement()
        .asString()
        .contains("iceberg.catalog.uri=http://<host>:<port>");
  }

  @Test
  void upperCaseNamespaceIsRefusedWithAnExample() {
    Map<String, String> props = minimal();
    props.put("otlp.namespace", "Otel");

    assertThat(errors(props).get("otlp.namespace"))
        .singleElement()
        .asString()
        .contains("lower-case")
        .contains("e.g. otel");
  }

  @Test
  void tooShortCommitIntervalSuggestsAValue() {
    Map<String, String> props = minimal();
    props.put("iceberg.control.commit.interval-ms", "10");

    assertThat(errors(props).get("iceberg.control.commit.interval-ms"))
        .singleElement()
        .asString()
        .contains("at least 1000")
        .contains("60000");
  }

  @Test
  void staticTablesAndForeignRoutingAreRefused() {
    Map<String, String> props = minimal();
    props.put("iceberg.tables", "otel.traces");
    props.put("iceberg.tables.dynamic-enabled", "false");
    props.put("iceberg.tables.route-field", "table");

    assertThat(errors(props))
        .containsKeys(
            "iceberg.tables", "iceberg.tables.dynamic-enabled", "iceberg.tables.route-field");
    assertThat(errors(props).get("iceberg.tables"))
        .singleElement()
        .asString()
        .contains("remove iceberg.tables")
        .contains("otlp.namespace");
  }

  @Test
  void ourConverterAsKeyConverterIsRefusedNamingTheFix() {
    Map<String, String> props = minimal();
    props.put("key.converter", "io.otlpiceberg.converter.OtlpConverter");

    assertThat(errors(props).get("key.converter"))
        .singleElement()
        .asString()
        .contains("decodes record values only")
        .contains("key.converter=org.apache.kafka.connect.converters.ByteArrayConverter");

    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    assertThat(errors(props)).doesNotContainKey("key.converter");
  }

  @Test
  void otherValueConverterIsRefusedNamingOurs() {
    Map<String, String> props = minimal();
    props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");

    assertThat(errors(props).get("value.converter"))
        .singleElement()
        .asString()
        .contains("found org.apache.kafka.connect.json.JsonConverter")
        .contains("value.converter=io.otlpiceberg.converter.OtlpConverter");

    props.remove("value.converter");
    assertThat(errors(props).get("value.converter"))
        .singleElement()
        .asString()
        .startsWith("not set");
  }

  @Test
  void requireValidThrowsTheFirstErrorNamingTheKey() {
    Map<String, String> props = minimal();
    props.put("otlp.table.prefix", "Prod-");

    assertThatThrownBy(() -> ConfigValidation.requireValid(props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("otlp.table.prefix")
        .hasMessageContaining("Prod-");
  }

  @Test
  void configDefDeclaresEveryIcebergSinkKey() {
    assertThat(OtlpSinkConfig.configDef().names())
        .containsAll(IcebergSinkConfig.CONFIG_DEF.names())
        .contains("otlp.namespace", "otlp.table.prefix", "otlp.tables.create");
    assertThat(OtlpSinkConfig.configDef().defaultValues())
        .containsEntry("iceberg.control.commit.interval-ms", 60_000)
        .containsEntry("otlp.namespace", "otel");
  }
}
