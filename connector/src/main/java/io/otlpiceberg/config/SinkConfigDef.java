package io.otlpiceberg.config;

import io.otlpiceberg.promote.Promotions;
import io.otlpiceberg.tables.OtlpTable;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.iceberg.connect.IcebergSinkConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * Every key of the connector, declared once with type, default, validator and documentation: our
 * {@code otlp.*} keys, the Iceberg sink keys we give other defaults, and the rest of the Iceberg
 * sink's keys as it declares them, so Connect's {@code validate} endpoint documents them all.
 */
final class SinkConfigDef {
  static final String NAMESPACE = "otlp.namespace";
  static final String NAMESPACE_DEFAULT = "otel";
  static final String TABLE_PREFIX = "otlp.table.prefix";
  static final String CREATE_TABLES = "otlp.tables.create";
  static final String CATALOG_STARTUP_TIMEOUT_MS = "otlp.catalog.startup.timeout.ms";
  static final long CATALOG_STARTUP_TIMEOUT_MS_DEFAULT = 300_000;

  static final String COMMIT_INTERVAL_MS = "iceberg.control.commit.interval-ms";
  static final int COMMIT_INTERVAL_MS_DEFAULT = 60_000;
  static final int COMMIT_INTERVAL_MS_MIN = 1_000;
  static final String COMMIT_MAX_CONSECUTIVE_FAILURES =
      "iceberg.control.commit.max-consecutive-failures";

  /** Never give up: a commit that fails is tried again next round (the sink's default is 1). */
  static final int COMMIT_MAX_CONSECUTIVE_FAILURES_DEFAULT = Integer.MAX_VALUE;

  static final String CONTROL_TOPIC = "iceberg.control.topic";
  static final String COMMIT_EVENTS_TOPIC = "otlp.commit-events.topic";

  /** Followed by a table name: {@code otlp.promote.traces}. */
  static final String PROMOTE_PREFIX = "otlp.promote.";

  static final String TABLES = "iceberg.tables";
  static final String TABLES_DYNAMIC_ENABLED = "iceberg.tables.dynamic-enabled";
  static final String TABLES_ROUTE_FIELD = "iceberg.tables.route-field";

  static final String CATALOG_TYPE = "iceberg.catalog.type";
  static final String CATALOG_URI = "iceberg.catalog.uri";
  static final String CATALOG_IMPL = "iceberg.catalog.catalog-impl";
  static final String CATALOG_WAREHOUSE = "iceberg.catalog.warehouse";

  private static final String TABLES_GROUP = "OTLP tables";
  private static final String CATALOG_GROUP = "Iceberg catalog";
  private static final String COMMIT_GROUP = "Iceberg commits";

  /** Lower-case identifier parts: the Iceberg sink lower-cases every route value it reads. */
  private static final Pattern NAMESPACE_PATTERN = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");

  private static final Pattern PREFIX_PATTERN = Pattern.compile("[a-z0-9_]*");

  /** Keys of the Iceberg sink this class declares itself, with our defaults and docs. */
  private static final Set<String> REDECLARED =
      Set.of(
          COMMIT_INTERVAL_MS,
          COMMIT_MAX_CONSECUTIVE_FAILURES,
          CONTROL_TOPIC,
          TABLES,
          TABLES_DYNAMIC_ENABLED,
          TABLES_ROUTE_FIELD);

  static final ConfigDef CONFIG_DEF = build();

  private SinkConfigDef() {}

  private static ConfigDef build() {
    ConfigDef def = new ConfigDef();
    def.define(
        NAMESPACE,
        Type.STRING,
        NAMESPACE_DEFAULT,
        pattern(
            NAMESPACE_PATTERN,
            "lower-case letters, digits and _, levels separated by dots,"
                + " e.g. otel or telemetry.prod"),
        Importance.HIGH,
        "Iceberg namespace of the seven tables (traces, logs, metrics_gauge, metrics_sum,"
            + " metrics_histogram, metrics_exponential_histogram, metrics_summary). Created when"
            + " missing.",
        TABLES_GROUP,
        1,
        Width.MEDIUM,
        "Namespace");
    def.define(
        TABLE_PREFIX,
        Type.STRING,
        "",
        pattern(PREFIX_PATTERN, "lower-case letters, digits and _, e.g. prod_"),
        Importance.LOW,
        "Text put before each table name, e.g. 'prod_' gives prod_traces, prod_logs, ...",
        TABLES_GROUP,
        2,
        Width.SHORT,
        "Table name prefix");
    def.define(
        CREATE_TABLES,
        Type.BOOLEAN,
        true,
        Importance.MEDIUM,
        "Create the namespace and any of the seven tables that is missing when a task starts"
            + " (schema, day(timestamp) partitioning, sort order, format v2, zstd Parquet), and"
            + " add to an existing table the columns this version writes that it lacks (added"
            + " only: nothing is dropped, renamed or retyped). With false, a missing table stops"
            + " the task with an error instead, and missing columns are left unwritten.",
        TABLES_GROUP,
        3,
        Width.SHORT,
        "Create tables");

    int order = 4;
    for (OtlpTable table : OtlpTable.values()) {
      def.define(
          PROMOTE_PREFIX + table.tableName(),
          Type.LIST,
          "",
          promotions(table),
          Importance.LOW,
          "Attributes of "
              + table.tableName()
              + " to promote to top-level columns of their own,"
              + " so filters on them read one column instead of a whole map and compare typed"
              + " values: a comma-separated list of [<column>=]<map column>.<attribute key>"
              + "[:string|long|double|boolean], the map column one of "
              + mapColumns(table)
              + ", e.g. attributes.http.route,"
              + " attributes.http.response.status_code:long,"
              + " resource_attributes.k8s.namespace.name. The column is the key in snake_case"
              + " (http_route) unless named; the type is string unless given. Values stay in"
              + " their map; one that does not convert leaves the column null and is counted"
              + " (promoted-values-unconverted-total-"
              + table.tableName()
              + "). Columns are"
              + " added when the task starts ("
              + CREATE_TABLES
              + "=true).",
          TABLES_GROUP,
          order++,
          Width.LONG,
          "Promoted attributes: " + table.tableName());
    }

    def.define(
        CATALOG_STARTUP_TIMEOUT_MS,
        Type.LONG,
        CATALOG_STARTUP_TIMEOUT_MS_DEFAULT,
        ConfigDef.Range.atLeast(0),
        Importance.LOW,
        "How long a starting task waits for a catalog it cannot reach (no connection, or a 5xx"
            + " answer), trying again with growing pauses up to 30 s and logging each wait. After"
            + " that, or at once for a refusal or a bad setting, the task fails with the reason.",
        CATALOG_GROUP,
        5,
        Width.SHORT,
        "Catalog wait at start (ms)");
    def.define(
        CATALOG_TYPE,
        Type.STRING,
        null,
        Importance.HIGH,
        "Catalog type, e.g. 'rest' (any Iceberg REST catalog, S3 Tables, Glue REST). Set this or "
            + CATALOG_IMPL
            + ". Every iceberg.catalog.<property> is passed to the catalog.",
        CATALOG_GROUP,
        1,
        Width.SHORT,
        "Catalog type");
    def.define(
        CATALOG_URI,
        Type.STRING,
        null,
        Importance.HIGH,
        "Catalog endpoint, e.g. http://localhost:8181 or"
            + " https://s3tables.<region>.amazonaws.com/iceberg.",
        CATALOG_GROUP,
        2,
        Width.LONG,
        "Catalog URI");
    def.define(
        CATALOG_IMPL,
        Type.STRING,
        null,
        Importance.MEDIUM,
        "Catalog class, e.g. org.apache.iceberg.aws.glue.GlueCatalog, instead of "
            + CATALOG_TYPE
            + ".",
        CATALOG_GROUP,
        3,
        Width.LONG,
        "Catalog class");
    def.define(
        CATALOG_WAREHOUSE,
        Type.STRING,
        null,
        Importance.MEDIUM,
        "Warehouse: a location (s3://bucket/prefix) or, for S3 Tables, the table bucket ARN.",
        CATALOG_GROUP,
        4,
        Width.LONG,
        "Warehouse");

    def.define(
        COMMIT_INTERVAL_MS,
        Type.INT,
        COMMIT_INTERVAL_MS_DEFAULT,
        ConfigDef.LambdaValidator.with(
            (name, value) -> {
              if (value == null || (Integer) value < COMMIT_INTERVAL_MS_MIN) {
                throw new ConfigException(
                    name,
                    value,
                    "write a number of milliseconds of at least "
                        + COMMIT_INTERVAL_MS_MIN
                        + "; 60000 (one snapshot per table per minute) suits telemetry");
              }
            },
            () -> "[" + COMMIT_INTERVAL_MS_MIN + ",...]"),
        Importance.HIGH,
        "How often the tables are committed, in milliseconds: one snapshot per table per interval."
            + " Shorter intervals make data visible sooner and make more, smaller files.",
        COMMIT_GROUP,
        1,
        Width.SHORT,
        "Commit interval (ms)");
    def.define(
        COMMIT_MAX_CONSECUTIVE_FAILURES,
        Type.INT,
        COMMIT_MAX_CONSECUTIVE_FAILURES_DEFAULT,
        ConfigDef.Range.atLeast(1),
        Importance.LOW,
        "Consecutive failed commit rounds after which the coordinator stops and its task fails"
            + " for good. The default never stops: a round that fails (e.g. the catalog is"
            + " unreachable) is logged and its data files are committed by a later round, the"
            + " Kafka offsets with them, so nothing is lost. (The Iceberg sink's own default, 1,"
            + " fails the task at the first failed round.)",
        COMMIT_GROUP,
        2,
        Width.SHORT,
        "Commit failures before giving up");
    def.define(
        CONTROL_TOPIC,
        Type.STRING,
        null,
        Importance.MEDIUM,
        "Topic the Iceberg sink's workers and coordinator exchange commit events on. Default:"
            + " '<connector name>-control', one per connector. Create it beforehand where brokers"
            + " do not auto-create topics (MSK), with a short retention.",
        COMMIT_GROUP,
        3,
        Width.MEDIUM,
        "Control topic");
    def.define(
        COMMIT_EVENTS_TOPIC,
        Type.STRING,
        "",
        Importance.LOW,
        "Topic to publish one small JSON event to after each table commit (table, snapshot id,"
            + " sequence number, added rows and files, days touched, min and max timestamp,"
            + " commit time), keyed by the table, for jobs that run when data becomes visible."
            + " Empty (the default): no events. The topic must exist where brokers do not"
            + " auto-create topics; it is reached with the control topic's client settings.",
        COMMIT_GROUP,
        7,
        Width.MEDIUM,
        "Commit events topic");
    def.define(
        TABLES,
        Type.LIST,
        null,
        Importance.LOW,
        "Not used: this connector routes every row to its table in "
            + NAMESPACE
            + " itself. Leave it unset.",
        COMMIT_GROUP,
        4,
        Width.NONE,
        "(owned by the connector)");
    def.define(
        TABLES_DYNAMIC_ENABLED,
        Type.BOOLEAN,
        true,
        Importance.LOW,
        "Always true: rows are routed to their tables by the connector. Leave it unset.",
        COMMIT_GROUP,
        5,
        Width.NONE,
        "(owned by the connector)");
    def.define(
        TABLES_ROUTE_FIELD,
        Type.STRING,
        OtlpSinkConfig.ROUTE_FIELD,
        Importance.LOW,
        "Always "
            + OtlpSinkConfig.ROUTE_FIELD
            + ". The connector's own writer puts each row in"
            + " its table; the Iceberg sink's configuration still requires a routing mode. Leave"
            + " it unset.",
        COMMIT_GROUP,
        6,
        Width.NONE,
        "(owned by the connector)");

    // The rest of the Iceberg sink's keys, exactly as it declares them.
    for (ConfigKey key : IcebergSinkConfig.CONFIG_DEF.configKeys().values()) {
      if (!REDECLARED.contains(key.name) && !def.configKeys().containsKey(key.name)) {
        def.define(key);
      }
    }
    return def;
  }

  private static ConfigDef.Validator promotions(OtlpTable table) {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          try {
            @SuppressWarnings("unchecked")
            List<String> entries = (List<String>) value;
            Promotions.parse(table, entries);
          } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
          }
        },
        () -> "[<column>=]<map column>.<attribute key>[:string|long|double|boolean], ...");
  }

  private static String mapColumns(OtlpTable table) {
    return String.join(", ", Promotions.mapColumns(table));
  }

  private static ConfigDef.Validator pattern(Pattern pattern, String expected) {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          if (value == null || !pattern.matcher((String) value).matches()) {
            throw new ConfigException(name, value, "write " + expected);
          }
        },
        () -> expected);
  }
}
