package io.otlpiceberg.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

/**
 * Checks a connector configuration as Connect's {@code validate} endpoint and {@code POST
 * /connectors} do: each key against its own validator, then the rules that span keys. Every error
 * says what to write instead.
 */
public final class ConfigValidation {
  static final String VALUE_CONVERTER = "value.converter";
  static final String KEY_CONVERTER = "key.converter";

  private ConfigValidation() {}

  /** Every key of the ConfigDef with its errors, plus errors on keys the ConfigDef does not own. */
  public static Config validate(Map<String, String> userProps) {
    Map<String, ConfigValue> values = SinkConfigDef.CONFIG_DEF.validateAll(userProps);
    List<ConfigValue> extra = new ArrayList<>();
    checkCatalog(userProps, values);
    AwsCatalogRules.check(userProps, values, extra);
    checkRouting(userProps, values);
    checkCommitEventsTopic(userProps, values);
    checkValueConverter(userProps, extra);
    checkKeyConverter(userProps, extra);
    List<ConfigValue> all = new ArrayList<>(values.values());
    all.addAll(extra);
    return new Config(all);
  }

  /** Throws the first error {@link #validate} would report, naming the key. */
  public static void requireValid(Map<String, String> userProps) {
    for (ConfigValue value : validate(userProps).configValues()) {
      if (!value.errorMessages().isEmpty()) {
        throw new ConfigException(value.name(), value.value(), value.errorMessages().get(0));
      }
    }
  }

  private static void checkCatalog(Map<String, String> props, Map<String, ConfigValue> values) {
    String type = props.get(SinkConfigDef.CATALOG_TYPE);
    String impl = props.get(SinkConfigDef.CATALOG_IMPL);
    if (isBlank(type) && isBlank(impl)) {
      // Without either, Iceberg falls back to a Hive catalog, which this plugin does not carry.
      values
          .get(SinkConfigDef.CATALOG_TYPE)
          .addErrorMessage(
              "no catalog is configured: write "
                  + SinkConfigDef.CATALOG_TYPE
                  + "=rest with "
                  + SinkConfigDef.CATALOG_URI
                  + "=<REST endpoint>, or "
                  + SinkConfigDef.CATALOG_IMPL
                  + "=<catalog class> (e.g. org.apache.iceberg.aws.glue.GlueCatalog) with "
                  + SinkConfigDef.CATALOG_WAREHOUSE);
    } else if ("rest".equalsIgnoreCase(type) && isBlank(props.get(SinkConfigDef.CATALOG_URI))) {
      values
          .get(SinkConfigDef.CATALOG_URI)
          .addErrorMessage(
              "a REST catalog needs its endpoint: write "
                  + SinkConfigDef.CATALOG_URI
                  + "=http://<host>:<port> (or https://s3tables.<region>.amazonaws.com/iceberg)");
    }
  }

  private static void checkRouting(Map<String, String> props, Map<String, ConfigValue> values) {
    if (!isBlank(props.get(SinkConfigDef.TABLES))) {
      values
          .get(SinkConfigDef.TABLES)
          .addErrorMessage(
              "remove "
                  + SinkConfigDef.TABLES
                  + ": this connector routes each row to its table in "
                  + SinkConfigDef.NAMESPACE
                  + " itself; use "
                  + SinkConfigDef.NAMESPACE
                  + " and "
                  + SinkConfigDef.TABLE_PREFIX
                  + " to choose where the tables are");
    }
    String dynamic = props.get(SinkConfigDef.TABLES_DYNAMIC_ENABLED);
    if (dynamic != null && !"true".equalsIgnoreCase(dynamic.trim())) {
      values
          .get(SinkConfigDef.TABLES_DYNAMIC_ENABLED)
          .addErrorMessage(
              "remove "
                  + SinkConfigDef.TABLES_DYNAMIC_ENABLED
                  + " (or write true): the connector's routing needs dynamic tables");
    }
    String routeField = props.get(SinkConfigDef.TABLES_ROUTE_FIELD);
    if (routeField != null && !OtlpSinkConfig.ROUTE_FIELD.equals(routeField.trim())) {
      values
          .get(SinkConfigDef.TABLES_ROUTE_FIELD)
          .addErrorMessage(
              "remove "
                  + SinkConfigDef.TABLES_ROUTE_FIELD
                  + ": rows are routed on the connector's"
                  + " own field "
                  + OtlpSinkConfig.ROUTE_FIELD);
    }
  }

  /** A name Kafka takes, and not a topic the connector reads or its control topic. */
  private static void checkCommitEventsTopic(
      Map<String, String> props, Map<String, ConfigValue> values) {
    String topic = props.get(SinkConfigDef.COMMIT_EVENTS_TOPIC);
    if (isBlank(topic)) {
      return;
    }
    ConfigValue value = values.get(SinkConfigDef.COMMIT_EVENTS_TOPIC);
    topic = topic.trim();
    try {
      Topic.validate(topic);
    } catch (InvalidTopicException e) {
      value.addErrorMessage(e.getMessage() + ": write another name, e.g. otlp-commits");
      return;
    }
    String controlTopic = OtlpSinkConfig.resolve(props).get(SinkConfigDef.CONTROL_TOPIC);
    if (topic.equals(controlTopic)) {
      value.addErrorMessage(
          "this is the control topic ("
              + SinkConfigDef.CONTROL_TOPIC
              + "),"
              + " which carries the Iceberg sink's own commit protocol: write another topic, e.g."
              + " otlp-commits");
    } else if (readsTopic(props, topic)) {
      value.addErrorMessage(
          "the connector reads this topic, so it would read its own commit"
              + " events as OTLP records: write a topic it does not read, e.g. otlp-commits");
    }
  }

  private static boolean readsTopic(Map<String, String> props, String topic) {
    String topics = props.get("topics");
    if (!isBlank(topics)) {
      for (String read : topics.split(",")) {
        if (read.trim().equals(topic)) {
          return true;
        }
      }
    }
    String regex = props.get("topics.regex");
    try {
      return !isBlank(regex) && Pattern.matches(regex.trim(), topic);
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  /**
   * Connect picks the converter from the connector config (or the worker's default), before our
   * code runs, so the connector cannot default it: it can only insist.
   */
  private static void checkValueConverter(Map<String, String> props, List<ConfigValue> extra) {
    String converter = props.get(VALUE_CONVERTER);
    if (converter == null || !OtlpSinkConfig.OTLP_CONVERTER.equals(converter.trim())) {
      // No value: Connect renders this key's value as a Class and the user's text is not one.
      // The message quotes it instead.
      ConfigValue value = new ConfigValue(VALUE_CONVERTER);
      value.addErrorMessage(
          (converter == null ? "not set" : "found " + converter)
              + ": write "
              + VALUE_CONVERTER
              + "="
              + OtlpSinkConfig.OTLP_CONVERTER
              + "; the records are OTLP export requests (protobuf or JSON) and only that"
              + " converter turns them into table rows");
      extra.add(value);
    }
  }

  /** The converter would refuse at task start; say so while the config is still a draft. */
  private static void checkKeyConverter(Map<String, String> props, List<ConfigValue> extra) {
    String converter = props.get(KEY_CONVERTER);
    if (converter != null && OtlpSinkConfig.OTLP_CONVERTER.equals(converter.trim())) {
      ConfigValue value = new ConfigValue(KEY_CONVERTER);
      value.addErrorMessage(
          "found "
              + converter
              + ": it decodes record values only; write "
              + KEY_CONVERTER
              + "=org.apache.kafka.connect.converters.ByteArrayConverter (the"
              + " Collector's keys are a trace id or nothing, and the connector does not read them)");
      extra.add(value);
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
