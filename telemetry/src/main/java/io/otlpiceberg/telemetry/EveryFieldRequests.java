package io.otlpiceberg.telemetry;

import static io.otlpiceberg.telemetry.OtlpValues.kv;
import static io.otlpiceberg.telemetry.OtlpValues.spanId;
import static io.otlpiceberg.telemetry.OtlpValues.str;
import static io.otlpiceberg.telemetry.OtlpValues.traceId;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/**
 * OTLP export requests built with the opentelemetry-proto classes, as the Collector's Kafka
 * exporter writes them with {@code otlp_proto}: every field of each signal set at least once.
 */
public final class EveryFieldRequests {
  public static final long T0 = 1_700_000_000_123_456_789L;
  public static final String SERVICE = "checkout";

  private EveryFieldRequests() {}

  public static Resource resource(String service) {
    return Resource.newBuilder()
        .addAttributes(kv("service.name", str(service)))
        .addAttributes(kv("host.name", str("node-1")))
        .setDroppedAttributesCount(1)
        .build();
  }

  public static InstrumentationScope scope() {
    return InstrumentationScope.newBuilder()
        .setName("io.otlpiceberg.it")
        .setVersion("1.2.3")
        .addAttributes(kv("scope.attr", str("s")))
        .setDroppedAttributesCount(2)
        .build();
  }

  /** One rich span, then {@code plain} simple spans, all of one trace. */
  public static ExportTraceServiceRequest traces(long batch, int plain) {
    ScopeSpans.Builder scopeSpans =
        ScopeSpans.newBuilder()
            .setScope(scope())
            .setSchemaUrl("https://opentelemetry.io/schemas/1.24.0");
    byte[] traceId = traceId(batch, 0xABCDEFL);
    scopeSpans.addSpans(
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(traceId))
            .setSpanId(ByteString.copyFrom(spanId(batch * 1_000_000L)))
            .setParentSpanId(ByteString.copyFrom(spanId(42)))
            .setTraceState("vendor=a")
            .setFlags(0x101)
            .setName("GET /cart")
            .setKind(Span.SpanKind.SPAN_KIND_SERVER)
            .setStartTimeUnixNano(T0)
            .setEndTimeUnixNano(T0 + 2_500_000L)
            .addAttributes(kv("http.status_code", AnyValue.newBuilder().setIntValue(200).build()))
            .addAttributes(kv("ok", AnyValue.newBuilder().setBoolValue(true).build()))
            .addAttributes(kv("ratio", AnyValue.newBuilder().setDoubleValue(0.25).build()))
            .addAttributes(
                kv(
                    "tags",
                    AnyValue.newBuilder()
                        .setArrayValue(
                            ArrayValue.newBuilder()
                                .addValues(str("a"))
                                .addValues(AnyValue.newBuilder().setIntValue(1)))
                        .build()))
            .setDroppedAttributesCount(3)
            .addEvents(
                Span.Event.newBuilder()
                    .setTimeUnixNano(T0 + 1_000L)
                    .setName("exception")
                    .addAttributes(kv("exception.type", str("IOException")))
                    .setDroppedAttributesCount(1))
            .setDroppedEventsCount(4)
            .addLinks(
                Span.Link.newBuilder()
                    .setTraceId(ByteString.copyFrom(traceId(7, 8)))
                    .setSpanId(ByteString.copyFrom(spanId(9)))
                    .setTraceState("k=v")
                    .setFlags(1)
                    .addAttributes(kv("link.attr", str("l")))
                    .setDroppedAttributesCount(5))
            .setDroppedLinksCount(6)
            .setStatus(
                Status.newBuilder()
                    .setCode(Status.StatusCode.STATUS_CODE_ERROR)
                    .setMessage("boom")));
    for (int i = 1; i <= plain; i++) {
      scopeSpans.addSpans(
          Span.newBuilder()
              .setTraceId(ByteString.copyFrom(traceId))
              .setSpanId(ByteString.copyFrom(spanId(batch * 1_000_000L + i)))
              .setName("span-" + i)
              .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
              .setStartTimeUnixNano(T0 + i)
              .setEndTimeUnixNano(T0 + i + 1_000));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource(SERVICE))
                .setSchemaUrl("https://opentelemetry.io/schemas/1.25.0")
                .addScopeSpans(scopeSpans))
        .build();
  }

  public static ExportLogsServiceRequest logs() {
    LogRecord text =
        LogRecord.newBuilder()
            .setTimeUnixNano(T0)
            .setObservedTimeUnixNano(T0 + 5)
            .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN)
            .setSeverityText("WARN")
            .setBody(str("disk almost full"))
            .addAttributes(kv("disk", str("/dev/sda1")))
            .setDroppedAttributesCount(1)
            .setFlags(1)
            .setTraceId(ByteString.copyFrom(traceId(1, 2)))
            .setSpanId(ByteString.copyFrom(spanId(3)))
            .build();
    LogRecord structured =
        LogRecord.newBuilder()
            .setObservedTimeUnixNano(T0 + 10)
            .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO)
            .setEventName("user.login")
            .setBody(
                AnyValue.newBuilder()
                    .setKvlistValue(
                        KeyValueList.newBuilder()
                            .addValues(kv("user", str("ada")))
                            .addValues(
                                kv("attempts", AnyValue.newBuilder().setIntValue(2).build()))))
            .build();
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(resource(SERVICE))
                .addScopeLogs(
                    ScopeLogs.newBuilder()
                        .setScope(scope())
                        .addLogRecords(text)
                        .addLogRecords(structured)))
        .build();
  }

  public static ExportMetricsServiceRequest metrics() {
    Exemplar exemplar =
        Exemplar.newBuilder()
            .setTimeUnixNano(T0 + 7)
            .setAsDouble(1.5)
            .setTraceId(ByteString.copyFrom(traceId(1, 2)))
            .setSpanId(ByteString.copyFrom(spanId(3)))
            .addFilteredAttributes(kv("user", str("ada")))
            .build();
    Metric gauge =
        Metric.newBuilder()
            .setName("queue.depth")
            .setDescription("items waiting")
            .setUnit("{item}")
            .addMetadata(kv("origin", str("sdk")))
            .setGauge(
                Gauge.newBuilder()
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setTimeUnixNano(T0)
                            .setStartTimeUnixNano(T0 - 1_000)
                            .setAsInt(17)
                            .addAttributes(kv("queue", str("q1")))
                            .addExemplars(exemplar))
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setTimeUnixNano(T0 + 1)
                            .setAsDouble(2.75)
                            .setFlags(1)))
            .build();
    Metric sum =
        Metric.newBuilder()
            .setName("requests")
            .setUnit("1")
            .setSum(
                Sum.newBuilder()
                    .setIsMonotonic(true)
                    .setAggregationTemporality(
                        AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setTimeUnixNano(T0)
                            .setStartTimeUnixNano(T0 - 60_000_000_000L)
                            .setAsInt(1234)))
            .build();
    Metric histogram =
        Metric.newBuilder()
            .setName("latency")
            .setUnit("ms")
            .setHistogram(
                Histogram.newBuilder()
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                    .addDataPoints(
                        HistogramDataPoint.newBuilder()
                            .setTimeUnixNano(T0)
                            .setCount(6)
                            .setSum(42.5)
                            .setMin(0.5)
                            .setMax(20)
                            .addBucketCounts(1)
                            .addBucketCounts(2)
                            .addBucketCounts(3)
                            .addExplicitBounds(1.0)
                            .addExplicitBounds(10.0)
                            .addExemplars(exemplar)))
            .build();
    Metric exponential =
        Metric.newBuilder()
            .setName("latency.exp")
            .setUnit("ms")
            .setExponentialHistogram(
                ExponentialHistogram.newBuilder()
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                    .addDataPoints(
                        ExponentialHistogramDataPoint.newBuilder()
                            .setTimeUnixNano(T0)
                            .setCount(5)
                            .setSum(12.0)
                            .setScale(3)
                            .setZeroCount(1)
                            .setZeroThreshold(0.001)
                            .setMin(0.1)
                            .setMax(9.0)
                            .setPositive(
                                ExponentialHistogramDataPoint.Buckets.newBuilder()
                                    .setOffset(2)
                                    .addBucketCounts(1)
                                    .addBucketCounts(2))
                            .setNegative(
                                ExponentialHistogramDataPoint.Buckets.newBuilder()
                                    .setOffset(-1)
                                    .addBucketCounts(1))))
            .build();
    Metric summary =
        Metric.newBuilder()
            .setName("gc.pause")
            .setUnit("s")
            .setSummary(
                Summary.newBuilder()
                    .addDataPoints(
                        SummaryDataPoint.newBuilder()
                            .setTimeUnixNano(T0)
                            .setCount(10)
                            .setSum(3.5)
                            .addQuantileValues(
                                SummaryDataPoint.ValueAtQuantile.newBuilder()
                                    .setQuantile(0.5)
                                    .setValue(0.2))
                            .addQuantileValues(
                                SummaryDataPoint.ValueAtQuantile.newBuilder()
                                    .setQuantile(0.99)
                                    .setValue(1.1))))
            .build();
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(resource(SERVICE))
                .addScopeMetrics(
                    ScopeMetrics.newBuilder()
                        .setScope(scope())
                        .addMetrics(gauge)
                        .addMetrics(sum)
                        .addMetrics(histogram)
                        .addMetrics(exponential)
                        .addMetrics(summary)))
        .build();
  }
}
