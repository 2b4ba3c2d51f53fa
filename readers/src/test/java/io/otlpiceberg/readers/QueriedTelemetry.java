package io.otlpiceberg.readers;

import static io.otlpiceberg.telemetry.OtlpValues.kv;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.otlpiceberg.telemetry.OtlpValues;
import io.otlpiceberg.telemetry.ShopTelemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The telemetry README's questions are about, placed where the questions look: the shop's traces,
 * logs and metrics of yesterday noon (UTC) and of the last half hour, a delta request counter and a
 * delta duration histogram of a billing service (the cumulative ones come from the shop), and one
 * trace with the id README's lookup queries name. It is kept twice: as the OTLP requests the
 * quickstart produces, and flattened into the facts the expected answers are computed from.
 */
final class QueriedTelemetry {
  static final String README_TRACE_ID = "5b8efff798038103d269b633813fc60c";

  record SpanFact(
      String service,
      String name,
      String kind,
      boolean error,
      Instant start,
      long durationNanos,
      String route,
      String traceId,
      String spanId) {}

  record LogFact(
      String service,
      Instant time,
      String severityText,
      String body,
      String traceId,
      String spanId) {}

  /** A histogram or sum point; {@code series} tells the points of one time series apart. */
  record PointFact(
      String service,
      String metric,
      int temporality,
      boolean monotonic,
      Instant time,
      String series,
      List<Long> bucketCounts,
      List<Double> bounds,
      long valueInt) {}

  private final List<ExportTraceServiceRequest> traces = new ArrayList<>();
  private final List<ExportLogsServiceRequest> logs = new ArrayList<>();
  private final List<ExportMetricsServiceRequest> metrics = new ArrayList<>();
  final List<SpanFact> spans = new ArrayList<>();
  final List<LogFact> logRecords = new ArrayList<>();
  final List<PointFact> points = new ArrayList<>();

  /** Yesterday's and the last half hour's telemetry, as seen from {@code now}. */
  static QueriedTelemetry around(Instant now) {
    QueriedTelemetry t = new QueriedTelemetry();
    Instant yesterdayNoon = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(12));
    Instant recent = now.minus(Duration.ofMinutes(30));
    t.shop(11L, yesterdayNoon);
    t.shop(12L, recent);
    t.billing(yesterdayNoon, recent);
    t.readmeTrace(yesterdayNoon.plusSeconds(600));
    return t;
  }

  /** Ten one-minute batches of the shop, from {@code from}. */
  private void shop(long seed, Instant from) {
    ShopTelemetry shop = new ShopTelemetry(seed, 4, nanos(from));
    for (int minute = 1; minute <= 10; minute++) {
      ShopTelemetry.Batch batch = shop.next(nanos(from.plus(Duration.ofMinutes(minute))));
      add(batch.traces());
      add(batch.logs());
      add(batch.metrics());
    }
  }

  /** Delta points: three requests-per-minute counts and two duration histograms per day. */
  private void billing(Instant... days) {
    ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
    ScopeMetrics.Builder scope = ScopeMetrics.newBuilder();
    for (Instant day : days) {
      Sum.Builder sum =
          Sum.newBuilder()
              .setIsMonotonic(true)
              .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
      Histogram.Builder histogram =
          Histogram.newBuilder()
              .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
      for (int minute = 0; minute < 3; minute++) {
        Instant end = day.plus(Duration.ofMinutes(minute + 1));
        sum.addDataPoints(
            NumberDataPoint.newBuilder()
                .setStartTimeUnixNano(nanos(end.minusSeconds(60)))
                .setTimeUnixNano(nanos(end))
                .setAsInt(7 + 5L * minute)
                .addAttributes(kv("http.route", "/invoice")));
      }
      // Together 59 + 40 + 1 = 100 observations, and the 99th lies in the (10, 50] bucket;
      // alone, the first point puts it above 50 and the second at most 10.
      histogram.addDataPoints(deltaHistogram(day.plusSeconds(60), 0, 40, 1));
      histogram.addDataPoints(deltaHistogram(day.plusSeconds(120), 59, 0, 0));
      scope.addMetrics(
          Metric.newBuilder().setName("http.server.requests").setUnit("{request}").setSum(sum));
      scope.addMetrics(
          Metric.newBuilder()
              .setName("http.server.request.duration")
              .setUnit("ms")
              .setHistogram(histogram));
    }
    request.addResourceMetrics(
        ResourceMetrics.newBuilder()
            .setResource(Resource.newBuilder().addAttributes(kv("service.name", "billing")))
            .addScopeMetrics(scope));
    add(request.build());
  }

  private static HistogramDataPoint deltaHistogram(Instant end, long... counts) {
    HistogramDataPoint.Builder point =
        HistogramDataPoint.newBuilder()
            .setStartTimeUnixNano(nanos(end.minusSeconds(60)))
            .setTimeUnixNano(nanos(end))
            .addExplicitBounds(10.0)
            .addExplicitBounds(50.0);
    long total = 0;
    for (long c : counts) {
      point.addBucketCounts(c);
      total += c;
    }
    return point.setCount(total).build();
  }

  /**
   * The trace README looks up: a server span and its child, two logs in the server span, and a log
   * of a span not exported.
   */
  private void readmeTrace(Instant start) {
    ByteString traceId = ByteString.fromHex(README_TRACE_ID);
    ByteString spanId = ByteString.fromHex("eee19b7ec3c1b174");
    add(
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(
                        Resource.newBuilder().addAttributes(kv("service.name", "my.service")))
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .addSpans(
                                Span.newBuilder()
                                    .setTraceId(traceId)
                                    .setSpanId(spanId)
                                    .setName("I'm a server span")
                                    .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                                    .setStartTimeUnixNano(nanos(start))
                                    .setEndTimeUnixNano(nanos(start) + 5_000_000))
                            .addSpans(
                                Span.newBuilder()
                                    .setTraceId(traceId)
                                    .setSpanId(ByteString.fromHex("5fb397be34d26b51"))
                                    .setParentSpanId(spanId)
                                    .setName("SELECT inventory")
                                    .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                                    .setStartTimeUnixNano(nanos(start) + 2_000_000)
                                    .setEndTimeUnixNano(nanos(start) + 4_500_000))))
            .build());
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    scope.addLogRecords(
        readmeLog(traceId, spanId, start.plusMillis(1), "Information", "Example log record"));
    scope.addLogRecords(
        readmeLog(traceId, spanId, start.plusMillis(3), "Warning", "slow downstream"));
    scope.addLogRecords(
        readmeLog(
            traceId,
            ByteString.fromHex("0102030405060708"),
            start.plusMillis(2),
            "Information",
            "from a span never exported"));
    add(
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .setResource(
                        Resource.newBuilder().addAttributes(kv("service.name", "my.service")))
                    .addScopeLogs(scope))
            .build());
  }

  private static LogRecord readmeLog(
      ByteString traceId, ByteString spanId, Instant time, String severity, String body) {
    return LogRecord.newBuilder()
        .setTraceId(traceId)
        .setSpanId(spanId)
        .setTimeUnixNano(nanos(time))
        .setSeverityText(severity)
        .setBody(OtlpValues.str(body))
        .build();
  }

  private void add(ExportTraceServiceRequest request) {
    traces.add(request);
    for (ResourceSpans rs : request.getResourceSpansList()) {
      String service = service(rs.getResource());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span s : ss.getSpansList()) {
          spans.add(
              new SpanFact(
                  service,
                  s.getName(),
                  s.getKind().name(),
                  s.getStatus().getCode().name().equals("STATUS_CODE_ERROR"),
                  instant(s.getStartTimeUnixNano()),
                  s.getEndTimeUnixNano() - s.getStartTimeUnixNano(),
                  stringAttribute(s.getAttributesList(), "http.route"),
                  hex(s.getTraceId()),
                  hex(s.getSpanId())));
        }
      }
    }
  }

  private void add(ExportLogsServiceRequest request) {
    logs.add(request);
    for (ResourceLogs rl : request.getResourceLogsList()) {
      String service = service(rl.getResource());
      for (ScopeLogs sl : rl.getScopeLogsList()) {
        for (LogRecord l : sl.getLogRecordsList()) {
          logRecords.add(
              new LogFact(
                  service,
                  instant(l.getTimeUnixNano()),
                  l.getSeverityText(),
                  l.getBody().getStringValue(),
                  hex(l.getTraceId()),
                  hex(l.getSpanId())));
        }
      }
    }
  }

  private void add(ExportMetricsServiceRequest request) {
    metrics.add(request);
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      String service = service(rm.getResource());
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        for (Metric m : sm.getMetricsList()) {
          if (m.hasHistogram()) {
            int temporality = m.getHistogram().getAggregationTemporalityValue();
            for (HistogramDataPoint p : m.getHistogram().getDataPointsList()) {
              points.add(
                  new PointFact(
                      service,
                      m.getName(),
                      temporality,
                      false,
                      instant(p.getTimeUnixNano()),
                      series(rm, p.getAttributesList(), p.getStartTimeUnixNano()),
                      p.getBucketCountsList(),
                      p.getExplicitBoundsList(),
                      0));
            }
          } else if (m.hasSum()) {
            int temporality = m.getSum().getAggregationTemporalityValue();
            for (NumberDataPoint p : m.getSum().getDataPointsList()) {
              points.add(
                  new PointFact(
                      service,
                      m.getName(),
                      temporality,
                      m.getSum().getIsMonotonic(),
                      instant(p.getTimeUnixNano()),
                      series(rm, p.getAttributesList(), p.getStartTimeUnixNano()),
                      List.of(),
                      List.of(),
                      p.getAsInt()));
            }
          }
        }
      }
    }
  }

  /**
   * Writes one file per request under DIR/traces, DIR/logs and DIR/metrics (the quickstart's
   * --input).
   */
  void writeInput(Path dir) throws IOException {
    write(dir.resolve("traces"), traces);
    write(dir.resolve("logs"), logs);
    write(dir.resolve("metrics"), metrics);
  }

  private static void write(Path dir, List<? extends Message> requests) throws IOException {
    Files.createDirectories(dir);
    for (int i = 0; i < requests.size(); i++) {
      Files.write(dir.resolve(String.format("%03d.otlp", i)), requests.get(i).toByteArray());
    }
  }

  private static String series(ResourceMetrics rm, List<KeyValue> attributes, long start) {
    return rm.getResource().getAttributesList() + "|" + sorted(attributes) + "|" + start;
  }

  private static Map<String, AnyValue> sorted(List<KeyValue> attributes) {
    Map<String, AnyValue> map = new TreeMap<>();
    attributes.forEach(kv -> map.put(kv.getKey(), kv.getValue()));
    return map;
  }

  private static String service(Resource resource) {
    return stringAttribute(resource.getAttributesList(), "service.name");
  }

  private static String stringAttribute(List<KeyValue> attributes, String key) {
    return attributes.stream()
        .filter(kv -> kv.getKey().equals(key))
        .map(kv -> kv.getValue().getStringValue())
        .findFirst()
        .orElse(null);
  }

  private static String hex(ByteString id) {
    return id.isEmpty() ? null : OtlpValues.hex(id.toByteArray());
  }

  static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(0, nanos);
  }
}
