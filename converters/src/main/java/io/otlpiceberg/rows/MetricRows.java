package io.otlpiceberg.rows;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.otlpiceberg.decode.OtlpDecodeException;
import io.otlpiceberg.tables.MetricColumns;
import io.otlpiceberg.tables.OtlpTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One row per metric data point, in the table of the metric's kind. */
public final class MetricRows {
  private static final MetricColumns GAUGE = MetricColumns.GAUGE;
  private static final MetricColumns SUM = MetricColumns.SUM;
  private static final MetricColumns HISTOGRAM = MetricColumns.HISTOGRAM;
  private static final MetricColumns EXPONENTIAL = MetricColumns.EXPONENTIAL_HISTOGRAM;
  private static final MetricColumns SUMMARY = MetricColumns.SUMMARY;

  private static final RowLayout GAUGE_LAYOUT = RowLayout.of(OtlpTable.METRICS_GAUGE);
  private static final RowLayout SUM_LAYOUT = RowLayout.of(OtlpTable.METRICS_SUM);
  private static final RowLayout HISTOGRAM_LAYOUT = RowLayout.of(OtlpTable.METRICS_HISTOGRAM);
  private static final RowLayout EXPONENTIAL_LAYOUT =
      RowLayout.of(OtlpTable.METRICS_EXPONENTIAL_HISTOGRAM);
  private static final RowLayout SUMMARY_LAYOUT = RowLayout.of(OtlpTable.METRICS_SUMMARY);
  private static final RowLayout EXEMPLAR_LAYOUT =
      RowLayout.ofListElement(OtlpTable.METRICS_GAUGE, "exemplars");
  private static final RowLayout QUANTILE_LAYOUT =
      RowLayout.ofListElement(OtlpTable.METRICS_SUMMARY, "quantile_values");

  private MetricRows() {}

  public static void append(ExportMetricsServiceRequest request, TableRows out)
      throws OtlpDecodeException {
    for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
      Source resource =
          Source.resource(resourceMetrics.getResource(), resourceMetrics.getSchemaUrl());
      for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
        Source source = resource.scope(scopeMetrics.getScope(), scopeMetrics.getSchemaUrl());
        for (Metric metric : scopeMetrics.getMetricsList()) {
          appendMetric(metric, source, out);
        }
      }
    }
  }

  private static void appendMetric(Metric metric, Source source, TableRows out)
      throws OtlpDecodeException {
    MetricHeader header = new MetricHeader(metric, source);
    switch (metric.getDataCase()) {
      case GAUGE:
        for (NumberDataPoint point : metric.getGauge().getDataPointsList()) {
          out.add(OtlpTable.METRICS_GAUGE, number(GAUGE, GAUGE_LAYOUT, header, point));
        }
        break;
      case SUM:
        var sum = metric.getSum();
        for (NumberDataPoint point : sum.getDataPointsList()) {
          Row row = number(SUM, SUM_LAYOUT, header, point);
          row.set(SUM.aggregationTemporality, sum.getAggregationTemporalityValue());
          row.set(SUM.isMonotonic, sum.getIsMonotonic());
          out.add(OtlpTable.METRICS_SUM, row);
        }
        break;
      case HISTOGRAM:
        var histogram = metric.getHistogram();
        for (HistogramDataPoint point : histogram.getDataPointsList()) {
          Row row =
              start(
                  HISTOGRAM,
                  HISTOGRAM_LAYOUT,
                  header,
                  point.getStartTimeUnixNano(),
                  point.getTimeUnixNano(),
                  point.getAttributesList(),
                  point.getFlags());
          row.set(HISTOGRAM.count, point.getCount());
          row.set(HISTOGRAM.sum, point.hasSum() ? point.getSum() : null);
          row.set(HISTOGRAM.min, point.hasMin() ? point.getMin() : null);
          row.set(HISTOGRAM.max, point.hasMax() ? point.getMax() : null);
          row.set(HISTOGRAM.bucketCounts, point.getBucketCountsList());
          row.set(HISTOGRAM.explicitBounds, point.getExplicitBoundsList());
          row.set(HISTOGRAM.aggregationTemporality, histogram.getAggregationTemporalityValue());
          row.set(HISTOGRAM.exemplars, exemplars(point.getExemplarsList()));
          out.add(OtlpTable.METRICS_HISTOGRAM, row);
        }
        break;
      case EXPONENTIAL_HISTOGRAM:
        var exponential = metric.getExponentialHistogram();
        for (ExponentialHistogramDataPoint point : exponential.getDataPointsList()) {
          Row row =
              start(
                  EXPONENTIAL,
                  EXPONENTIAL_LAYOUT,
                  header,
                  point.getStartTimeUnixNano(),
                  point.getTimeUnixNano(),
                  point.getAttributesList(),
                  point.getFlags());
          row.set(EXPONENTIAL.count, point.getCount());
          row.set(EXPONENTIAL.sum, point.hasSum() ? point.getSum() : null);
          row.set(EXPONENTIAL.min, point.hasMin() ? point.getMin() : null);
          row.set(EXPONENTIAL.max, point.hasMax() ? point.getMax() : null);
          row.set(EXPONENTIAL.scale, point.getScale());
          row.set(EXPONENTIAL.zeroCount, point.getZeroCount());
          row.set(EXPONENTIAL.zeroThreshold, point.getZeroThreshold());
          row.set(EXPONENTIAL.positiveOffset, point.getPositive().getOffset());
          row.set(EXPONENTIAL.positiveBucketCounts, point.getPositive().getBucketCountsList());
          row.set(EXPONENTIAL.negativeOffset, point.getNegative().getOffset());
          row.set(EXPONENTIAL.negativeBucketCounts, point.getNegative().getBucketCountsList());
          row.set(EXPONENTIAL.aggregationTemporality, exponential.getAggregationTemporalityValue());
          row.set(EXPONENTIAL.exemplars, exemplars(point.getExemplarsList()));
          out.add(OtlpTable.METRICS_EXPONENTIAL_HISTOGRAM, row);
        }
        break;
      case SUMMARY:
        for (SummaryDataPoint point : metric.getSummary().getDataPointsList()) {
          Row row =
              start(
                  SUMMARY,
                  SUMMARY_LAYOUT,
                  header,
                  point.getStartTimeUnixNano(),
                  point.getTimeUnixNano(),
                  point.getAttributesList(),
                  point.getFlags());
          row.set(SUMMARY.count, point.getCount());
          row.set(SUMMARY.sum, point.getSum());
          row.set(SUMMARY.quantileValues, quantiles(point.getQuantileValuesList()));
          out.add(OtlpTable.METRICS_SUMMARY, row);
        }
        break;
      case DATA_NOT_SET:
      default:
        // A metric without data has no points, so it has no rows.
        break;
    }
  }

  private static Row number(
      MetricColumns columns, RowLayout layout, MetricHeader header, NumberDataPoint point)
      throws OtlpDecodeException {
    Row row =
        start(
            columns,
            layout,
            header,
            point.getStartTimeUnixNano(),
            point.getTimeUnixNano(),
            point.getAttributesList(),
            point.getFlags());
    switch (point.getValueCase()) {
      case AS_DOUBLE:
        row.set(columns.value, point.getAsDouble());
        break;
      case AS_INT:
        // value holds every point for queries; value_int keeps an int point's exact value.
        row.set(columns.value, (double) point.getAsInt());
        row.set(columns.valueInt, point.getAsInt());
        break;
      default:
        break;
    }
    row.set(columns.exemplars, exemplars(point.getExemplarsList()));
    return row;
  }

  private static Row start(
      MetricColumns columns,
      RowLayout layout,
      MetricHeader header,
      long startTime,
      long time,
      List<io.opentelemetry.proto.common.v1.KeyValue> attributes,
      int flags) {
    Row row = new Row(layout);
    row.set(columns.timestamp, Times.timestamp(time));
    row.set(columns.startTimeUnixNano, startTime);
    row.set(columns.timeUnixNano, time);
    row.set(columns.serviceName, header.source.serviceName());
    row.set(columns.metricName, header.name);
    row.set(columns.metricDescription, header.description);
    row.set(columns.metricUnit, header.unit);
    row.set(columns.metricMetadata, header.metadata);
    row.set(columns.attributes, Attributes.of(attributes));
    row.set(columns.flags, flags);
    header.source.fill(row, columns.source);
    return row;
  }

  private static List<Row> exemplars(List<Exemplar> exemplars) throws OtlpDecodeException {
    if (exemplars.isEmpty()) {
      return Collections.emptyList();
    }
    List<Row> rows = new ArrayList<>(exemplars.size());
    for (Exemplar exemplar : exemplars) {
      Row row = new Row(EXEMPLAR_LAYOUT);
      row.set(MetricColumns.Exemplar.TIMESTAMP, Times.timestamp(exemplar.getTimeUnixNano()));
      row.set(MetricColumns.Exemplar.TIME_UNIX_NANO, exemplar.getTimeUnixNano());
      switch (exemplar.getValueCase()) {
        case AS_DOUBLE:
          row.set(MetricColumns.Exemplar.VALUE, exemplar.getAsDouble());
          break;
        case AS_INT:
          row.set(MetricColumns.Exemplar.VALUE, (double) exemplar.getAsInt());
          row.set(MetricColumns.Exemplar.VALUE_INT, exemplar.getAsInt());
          break;
        default:
          break;
      }
      row.set(MetricColumns.Exemplar.TRACE_ID, Ids.traceId(exemplar.getTraceId(), "exemplar"));
      row.set(MetricColumns.Exemplar.SPAN_ID, Ids.spanId(exemplar.getSpanId(), "exemplar"));
      row.set(
          MetricColumns.Exemplar.FILTERED_ATTRIBUTES,
          Attributes.of(exemplar.getFilteredAttributesList()));
      rows.add(row);
    }
    return rows;
  }

  private static List<Row> quantiles(List<SummaryDataPoint.ValueAtQuantile> quantiles) {
    if (quantiles.isEmpty()) {
      return Collections.emptyList();
    }
    List<Row> rows = new ArrayList<>(quantiles.size());
    for (SummaryDataPoint.ValueAtQuantile quantile : quantiles) {
      Row row = new Row(QUANTILE_LAYOUT);
      row.set(MetricColumns.Quantile.QUANTILE, quantile.getQuantile());
      row.set(MetricColumns.Quantile.VALUE, quantile.getValue());
      rows.add(row);
    }
    return rows;
  }

  /** What every point of one metric shares, worked out once per metric. */
  private static final class MetricHeader {
    final Source source;
    final String name;
    final String description;
    final String unit;
    final Map<String, String> metadata;

    MetricHeader(Metric metric, Source source) {
      this.source = source;
      this.name = metric.getName();
      this.description = metric.getDescription();
      this.unit = metric.getUnit();
      this.metadata = Attributes.of(metric.getMetadataList());
    }
  }
}
