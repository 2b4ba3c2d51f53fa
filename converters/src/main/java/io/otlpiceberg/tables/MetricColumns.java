package io.otlpiceberg.tables;

import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * The five metric tables: one row per data point. They share their leading columns; each kind adds
 * its own. A position is {@link #ABSENT} where a kind has no such column.
 */
public final class MetricColumns {
  public static final int ABSENT = -1;

  public static final MetricColumns GAUGE = new MetricColumns(Kind.GAUGE);
  public static final MetricColumns SUM = new MetricColumns(Kind.SUM);
  public static final MetricColumns HISTOGRAM = new MetricColumns(Kind.HISTOGRAM);
  public static final MetricColumns EXPONENTIAL_HISTOGRAM =
      new MetricColumns(Kind.EXPONENTIAL_HISTOGRAM);
  public static final MetricColumns SUMMARY = new MetricColumns(Kind.SUMMARY);

  enum Kind {
    GAUGE,
    SUM,
    HISTOGRAM,
    EXPONENTIAL_HISTOGRAM,
    SUMMARY
  }

  public final int timestamp;
  public final int startTimeUnixNano;
  public final int timeUnixNano;
  public final int serviceName;
  public final int metricName;
  public final int metricDescription;
  public final int metricUnit;
  public final int metricMetadata;
  public final int attributes;
  public final int flags;

  public final int value;
  public final int valueInt;
  public final int aggregationTemporality;
  public final int isMonotonic;
  public final int count;
  public final int sum;
  public final int min;
  public final int max;
  public final int bucketCounts;
  public final int explicitBounds;
  public final int scale;
  public final int zeroCount;
  public final int zeroThreshold;
  public final int positiveOffset;
  public final int positiveBucketCounts;
  public final int negativeOffset;
  public final int negativeBucketCounts;
  public final int quantileValues;
  public final int exemplars;

  public final ResourceScopeColumns source;
  final Schema schema;

  /** Positions within one element of {@code exemplars}; the same in every metric table. */
  public static final class Exemplar {
    public static final int TIMESTAMP = 0;
    public static final int TIME_UNIX_NANO = 1;
    public static final int VALUE = 2;
    public static final int VALUE_INT = 3;
    public static final int TRACE_ID = 4;
    public static final int SPAN_ID = 5;
    public static final int FILTERED_ATTRIBUTES = 6;

    static Types.StructType type(ColumnsBuilder table) {
      ColumnsBuilder e = table.nested();
      at(TIMESTAMP, e.add("timestamp", Types.TimestampType.withZone()));
      at(TIME_UNIX_NANO, e.add("time_unix_nano", Types.LongType.get()));
      at(VALUE, e.add("value", Types.DoubleType.get()));
      at(VALUE_INT, e.add("value_int", Types.LongType.get()));
      at(TRACE_ID, e.add("trace_id", Types.StringType.get()));
      at(SPAN_ID, e.add("span_id", Types.StringType.get()));
      at(FILTERED_ATTRIBUTES, e.add("filtered_attributes", e.stringMap()));
      return e.struct();
    }

    private Exemplar() {}
  }

  /** Positions within one element of {@code quantile_values} (summary only). */
  public static final class Quantile {
    public static final int QUANTILE = 0;
    public static final int VALUE = 1;

    static Types.StructType type(ColumnsBuilder table) {
      ColumnsBuilder q = table.nested();
      at(QUANTILE, q.add("quantile", Types.DoubleType.get()));
      at(VALUE, q.add("value", Types.DoubleType.get()));
      return q.struct();
    }

    private Quantile() {}
  }

  private MetricColumns(Kind kind) {
    ColumnsBuilder c = new ColumnsBuilder();
    timestamp = c.add("timestamp", Types.TimestampType.withZone());
    startTimeUnixNano = c.add("start_time_unix_nano", Types.LongType.get());
    timeUnixNano = c.add("time_unix_nano", Types.LongType.get());
    serviceName = c.add("service_name", Types.StringType.get());
    metricName = c.add("metric_name", Types.StringType.get());
    metricDescription = c.add("metric_description", Types.StringType.get());
    metricUnit = c.add("metric_unit", Types.StringType.get());
    metricMetadata = c.add("metric_metadata", c.stringMap());
    attributes = c.add("attributes", c.stringMap());
    flags = c.add("flags", Types.IntegerType.get());

    boolean number = kind == Kind.GAUGE || kind == Kind.SUM;
    boolean histogram = kind == Kind.HISTOGRAM || kind == Kind.EXPONENTIAL_HISTOGRAM;
    boolean exponential = kind == Kind.EXPONENTIAL_HISTOGRAM;

    value = number ? c.add("value", Types.DoubleType.get()) : ABSENT;
    valueInt = number ? c.add("value_int", Types.LongType.get()) : ABSENT;
    count = number ? ABSENT : c.add("count", Types.LongType.get());
    sum = number ? ABSENT : c.add("sum", Types.DoubleType.get());
    min = histogram ? c.add("min", Types.DoubleType.get()) : ABSENT;
    max = histogram ? c.add("max", Types.DoubleType.get()) : ABSENT;
    bucketCounts =
        kind == Kind.HISTOGRAM ? c.add("bucket_counts", c.listOf(Types.LongType.get())) : ABSENT;
    explicitBounds =
        kind == Kind.HISTOGRAM
            ? c.add("explicit_bounds", c.listOf(Types.DoubleType.get()))
            : ABSENT;
    scale = exponential ? c.add("scale", Types.IntegerType.get()) : ABSENT;
    zeroCount = exponential ? c.add("zero_count", Types.LongType.get()) : ABSENT;
    zeroThreshold = exponential ? c.add("zero_threshold", Types.DoubleType.get()) : ABSENT;
    positiveOffset = exponential ? c.add("positive_offset", Types.IntegerType.get()) : ABSENT;
    positiveBucketCounts =
        exponential ? c.add("positive_bucket_counts", c.listOf(Types.LongType.get())) : ABSENT;
    negativeOffset = exponential ? c.add("negative_offset", Types.IntegerType.get()) : ABSENT;
    negativeBucketCounts =
        exponential ? c.add("negative_bucket_counts", c.listOf(Types.LongType.get())) : ABSENT;
    quantileValues =
        kind == Kind.SUMMARY ? c.add("quantile_values", c.listOf(Quantile.type(c))) : ABSENT;
    aggregationTemporality =
        kind == Kind.GAUGE || kind == Kind.SUMMARY
            ? ABSENT
            : c.add("aggregation_temporality", Types.IntegerType.get());
    isMonotonic = kind == Kind.SUM ? c.add("is_monotonic", Types.BooleanType.get()) : ABSENT;
    // OTLP summaries carry no exemplars.
    exemplars = kind == Kind.SUMMARY ? ABSENT : c.add("exemplars", c.listOf(Exemplar.type(c)));

    source = new ResourceScopeColumns(c);
    schema = c.schema();
  }

  private static void at(int expected, int actual) {
    if (expected != actual) {
      throw new IllegalStateException("column declared at " + actual + ", expected " + expected);
    }
  }
}
