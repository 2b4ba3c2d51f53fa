package io.otlpiceberg.bench;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.otlpiceberg.decode.OtlpDecodeException;
import io.otlpiceberg.decode.OtlpDecoder;
import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.rows.TableRows;
import io.otlpiceberg.telemetry.VariedRequests;

/**
 * One signal's request in both encodings, checked: the decoder must turn the protobuf and the
 * OTLP/JSON bytes into the same rows, one per span, log record or data point. Anything else fails
 * loudly, so a benchmark can never time an error path.
 */
final class Input {
  final Signal signal;
  final byte[] proto;
  final byte[] json;

  /** Rows per request: spans, log records or data points. */
  final int rows;

  private Input(Signal signal, Message request, int rows) {
    this.signal = signal;
    this.proto = request.toByteArray();
    this.json = OtlpJson.print(request);
    this.rows = rows;
    check();
  }

  static Input of(Signal signal) {
    switch (signal) {
      case TRACES:
        ExportTraceServiceRequest traces = VariedRequests.traces();
        return new Input(
            signal,
            traces,
            traces.getResourceSpansList().stream()
                .flatMap(r -> r.getScopeSpansList().stream())
                .mapToInt(s -> s.getSpansCount())
                .sum());
      case LOGS:
        ExportLogsServiceRequest logs = VariedRequests.logs();
        return new Input(
            signal,
            logs,
            logs.getResourceLogsList().stream()
                .flatMap(r -> r.getScopeLogsList().stream())
                .mapToInt(s -> s.getLogRecordsCount())
                .sum());
      default:
        ExportMetricsServiceRequest metrics = VariedRequests.metrics();
        int points = 0;
        for (ResourceMetrics resource : metrics.getResourceMetricsList()) {
          for (ScopeMetrics scope : resource.getScopeMetricsList()) {
            for (Metric metric : scope.getMetricsList()) {
              points += points(metric);
            }
          }
        }
        return new Input(signal, metrics, points);
    }
  }

  private static int points(Metric metric) {
    switch (metric.getDataCase()) {
      case GAUGE:
        return metric.getGauge().getDataPointsCount();
      case SUM:
        return metric.getSum().getDataPointsCount();
      case HISTOGRAM:
        return metric.getHistogram().getDataPointsCount();
      case EXPONENTIAL_HISTOGRAM:
        return metric.getExponentialHistogram().getDataPointsCount();
      case SUMMARY:
        return metric.getSummary().getDataPointsCount();
      default:
        return 0;
    }
  }

  private void check() {
    OtlpDecoder decoder = new OtlpDecoder();
    TableRows fromProto;
    TableRows fromJson;
    try {
      fromProto = decoder.decode(signal, proto);
      fromJson = decoder.decode(signal, json);
    } catch (OtlpDecodeException e) {
      throw new IllegalStateException(signal + ": the decoder refused the benchmark input", e);
    }
    if (fromProto.count() != rows || fromJson.count() != rows) {
      throw new IllegalStateException(
          String.format(
              "%s: expected %d rows, the decoder made %d from protobuf and %d from OTLP/JSON",
              signal, rows, fromProto.count(), fromJson.count()));
    }
    if (!fromProto.asMap().equals(fromJson.asMap())) {
      throw new IllegalStateException(
          signal + ": the OTLP/JSON input decodes to other rows than the protobuf input");
    }
  }
}
