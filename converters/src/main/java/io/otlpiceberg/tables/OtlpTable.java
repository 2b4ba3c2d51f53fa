package io.otlpiceberg.tables;

import java.util.Locale;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;

/**
 * The seven tables of the contract (DESIGN.md): the one place their schemas, partitioning and sort
 * orders are defined. Row builders, table creation, documentation and tests all read them from
 * here.
 */
public enum OtlpTable {
  TRACES(TracesColumns.SCHEMA, false),
  LOGS(LogsColumns.SCHEMA, false),
  METRICS_GAUGE(MetricColumns.GAUGE.schema, true),
  METRICS_SUM(MetricColumns.SUM.schema, true),
  METRICS_HISTOGRAM(MetricColumns.HISTOGRAM.schema, true),
  METRICS_EXPONENTIAL_HISTOGRAM(MetricColumns.EXPONENTIAL_HISTOGRAM.schema, true),
  METRICS_SUMMARY(MetricColumns.SUMMARY.schema, true);

  /**
   * Table properties every table is created with: format v2, Parquet compressed with zstd at level
   * 1. Level 1 instead of Parquet's 3 makes the write path 8–12 % faster for 4–5 % more bytes
   * (traces, metrics; logs the same bytes; benchmarks/README.md, Parquet settings): the files a
   * connector writes each commit interval are small and short-lived, and compaction (S3 Tables'
   * own, or {@code rewrite_data_files}) rewrites them at the level it is given.
   */
  public static final java.util.Map<String, String> TABLE_PROPERTIES =
      java.util.Map.of(
          "format-version", "2",
          "write.format.default", "parquet",
          "write.parquet.compression-codec", "zstd",
          "write.parquet.compression-level", "1");

  private final String tableName;
  private final Schema schema;
  private final boolean metric;

  OtlpTable(Schema schema, boolean metric) {
    this.tableName = name().toLowerCase(Locale.ROOT);
    this.schema = schema;
    this.metric = metric;
  }

  /**
   * The properties this table is created with: {@link #TABLE_PROPERTIES} and the per-column Parquet
   * settings fitted to its columns ({@link ParquetColumnSettings}).
   */
  public java.util.Map<String, String> tableProperties() {
    java.util.Map<String, String> properties = new java.util.TreeMap<>(TABLE_PROPERTIES);
    properties.putAll(ParquetColumnSettings.of(schema));
    return properties;
  }

  /** The table's default name, e.g. {@code metrics_gauge}. */
  public String tableName() {
    return tableName;
  }

  public Schema schema() {
    return schema;
  }

  /** {@code day(timestamp)}: every query on telemetry filters on time. */
  public PartitionSpec partitionSpec() {
    return PartitionSpec.builderFor(schema).day("timestamp").build();
  }

  /** {@code service_name, [metric_name,] timestamp}: the usual filters, in order. */
  public SortOrder sortOrder() {
    SortOrder.Builder order = SortOrder.builderFor(schema).asc("service_name");
    if (metric) {
      order.asc("metric_name");
    }
    return order.asc("timestamp").build();
  }
}
