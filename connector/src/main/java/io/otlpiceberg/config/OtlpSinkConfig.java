package io.otlpiceberg.config;

import io.otlpiceberg.promote.Promotions;
import io.otlpiceberg.tables.OtlpTable;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The connector's settings: its own {@code otlp.*} keys, the defaults it gives to keys of the
 * Iceberg sink, and the routing keys it owns. {@link #resolve} turns what a user wrote into the
 * complete configuration the Iceberg sink runs with; every other {@code iceberg.*} key passes
 * through as written.
 */
public final class OtlpSinkConfig extends AbstractConfig {
  /**
   * The route field the Iceberg sink's configuration is given. Nothing routes on it: the
   * connector's writer ({@code OtlpSinkWriter}) puts each row in its table itself, but {@code
   * IcebergSinkConfig} refuses a configuration without a routing mode.
   */
  public static final String ROUTE_FIELD = "_otlp_iceberg_table";

  /** The converter the records must be decoded with. */
  public static final String OTLP_CONVERTER = "io.otlpiceberg.converter.OtlpConverter";

  private final Map<OtlpTable, TableIdentifier> identifiers;

  /** Reads a configuration that has been through {@link #resolve}. */
  public OtlpSinkConfig(Map<String, String> resolvedProps) {
    super(SinkConfigDef.CONFIG_DEF, resolvedProps, false);
    Namespace namespace = Namespace.of(getString(SinkConfigDef.NAMESPACE).split("\\."));
    String prefix = getString(SinkConfigDef.TABLE_PREFIX);
    identifiers = new EnumMap<>(OtlpTable.class);
    for (OtlpTable table : OtlpTable.values()) {
      identifiers.put(table, TableIdentifier.of(namespace, prefix + table.tableName()));
    }
  }

  /**
   * The configuration the Iceberg sink runs with: the user's keys, our defaults for the keys the
   * user left out, and the routing keys this connector owns. Idempotent.
   */
  public static Map<String, String> resolve(Map<String, String> userProps) {
    Map<String, String> props = new HashMap<>(userProps);
    props.putIfAbsent(SinkConfigDef.NAMESPACE, SinkConfigDef.NAMESPACE_DEFAULT);
    props.putIfAbsent(SinkConfigDef.TABLE_PREFIX, "");
    props.putIfAbsent(
        SinkConfigDef.COMMIT_INTERVAL_MS, String.valueOf(SinkConfigDef.COMMIT_INTERVAL_MS_DEFAULT));
    props.putIfAbsent(
        SinkConfigDef.COMMIT_MAX_CONSECUTIVE_FAILURES,
        String.valueOf(SinkConfigDef.COMMIT_MAX_CONSECUTIVE_FAILURES_DEFAULT));
    if (props.get(SinkConfigDef.CONTROL_TOPIC) == null) {
      props.put(SinkConfigDef.CONTROL_TOPIC, defaultControlTopic(props.get("name")));
    }
    // Routing is ours: every row carries its table identifier in ROUTE_FIELD.
    props.put(SinkConfigDef.TABLES_DYNAMIC_ENABLED, "true");
    props.put(SinkConfigDef.TABLES_ROUTE_FIELD, ROUTE_FIELD);
    return props;
  }

  /** One control topic per connector, so connectors never read each other's commit traffic. */
  static String defaultControlTopic(String connectorName) {
    return connectorName == null || connectorName.isBlank()
        ? "control-otlp-iceberg"
        : connectorName + "-control";
  }

  /** The table written to this identifier, or null for one the connector does not write. */
  public OtlpTable tableAt(TableIdentifier identifier) {
    for (Map.Entry<OtlpTable, TableIdentifier> entry : identifiers.entrySet()) {
      if (entry.getValue().equals(identifier)) {
        return entry.getKey();
      }
    }
    return null;
  }

  /** The identifier each table is written to, e.g. {@code otel.traces}. */
  public TableIdentifier identifier(OtlpTable table) {
    return identifiers.get(table);
  }

  public java.time.Duration catalogStartupTimeout() {
    return java.time.Duration.ofMillis(getLong(SinkConfigDef.CATALOG_STARTUP_TIMEOUT_MS));
  }

  /** The topic commit events go to, or null when none are published. */
  public String commitEventsTopic() {
    String topic = getString(SinkConfigDef.COMMIT_EVENTS_TOPIC);
    return topic == null || topic.isBlank() ? null : topic.trim();
  }

  /** The attributes each table gets a column of its own for ({@code otlp.promote.<table>}). */
  public Promotions promotions() {
    return Promotions.parse(table -> getList(SinkConfigDef.PROMOTE_PREFIX + table.tableName()));
  }

  public boolean createTables() {
    return getBoolean(SinkConfigDef.CREATE_TABLES);
  }

  /** The ConfigDef of the connector: ours plus every key of the Iceberg sink. */
  public static ConfigDef configDef() {
    return SinkConfigDef.CONFIG_DEF;
  }
}
