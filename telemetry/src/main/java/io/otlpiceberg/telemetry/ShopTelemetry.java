package io.otlpiceberg.telemetry;

import static io.otlpiceberg.telemetry.OtlpValues.kv;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic telemetry of a small shop, as the Collector's Kafka exporter writes it: per batch one
 * ExportTraceServiceRequest, one ExportLogsServiceRequest and one ExportMetricsServiceRequest.
 * Several services call each other (parent/child spans across services, some failing with an
 * exception event), each span logs with its trace and span id, and every service reports all five
 * metric kinds (gauge, sum, histogram, exponential histogram, summary). Deterministic per seed.
 */
public final class ShopTelemetry {
  public static final List<String> SERVICES =
      List.of("frontend", "checkout", "payment", "inventory", "email");

  /** One batch: the three requests of one export interval. */
  public record Batch(
      ExportTraceServiceRequest traces,
      ExportLogsServiceRequest logs,
      ExportMetricsServiceRequest metrics) {}

  private final Random random;
  private final int tracesPerBatch;
  private final long startNanos;
  private final Map<String, long[]> requestCounts = new LinkedHashMap<>();
  private final Map<String, HistogramState> durations = new LinkedHashMap<>();

  public ShopTelemetry(long seed, int tracesPerBatch, long startNanos) {
    this.random = new Random(seed);
    this.tracesPerBatch = tracesPerBatch;
    this.startNanos = startNanos;
    for (String service : SERVICES) {
      requestCounts.put(service, new long[2]);
      durations.put(service, new HistogramState());
    }
  }

  /** The requests for the interval ending at {@code nowNanos} (Unix epoch nanoseconds). */
  public Batch next(long nowNanos) {
    Map<String, List<Span>> spans = new LinkedHashMap<>();
    Map<String, List<LogRecord>> logs = new LinkedHashMap<>();
    for (String service : SERVICES) {
      spans.put(service, new ArrayList<>());
      logs.put(service, new ArrayList<>());
    }
    for (int i = 0; i < tracesPerBatch; i++) {
      trace(nowNanos - (tracesPerBatch - i) * 150_000_000L, spans, logs);
    }
    ExportTraceServiceRequest.Builder traces = ExportTraceServiceRequest.newBuilder();
    ExportLogsServiceRequest.Builder logRequest = ExportLogsServiceRequest.newBuilder();
    ExportMetricsServiceRequest.Builder metrics = ExportMetricsServiceRequest.newBuilder();
    for (String service : SERVICES) {
      if (!spans.get(service).isEmpty()) {
        traces.addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource(service))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(scope(service))
                        .addAllSpans(spans.get(service))));
      }
      if (!logs.get(service).isEmpty()) {
        logRequest.addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(resource(service))
                .addScopeLogs(
                    ScopeLogs.newBuilder()
                        .setScope(scope(service))
                        .addAllLogRecords(logs.get(service))));
      }
      metrics.addResourceMetrics(
          ResourceMetrics.newBuilder()
              .setResource(resource(service))
              .addScopeMetrics(
                  ScopeMetrics.newBuilder()
                      .setScope(scope(service))
                      .addAllMetrics(metrics(service, nowNanos))));
    }
    return new Batch(traces.build(), logRequest.build(), metrics.build());
  }

  /** One user request: frontend -> checkout -> (inventory, payment) -> email, maybe failing. */
  private void trace(long start, Map<String, List<Span>> spans, Map<String, List<LogRecord>> logs) {
    ByteString traceId = randomId(16);
    boolean paymentFails = random.nextInt(5) == 0;
    String user = "user-" + (1 + random.nextInt(40));

    ByteString root = randomId(8);
    ByteString checkout = randomId(8);
    ByteString inventory = randomId(8);
    ByteString payment = randomId(8);
    ByteString email = randomId(8);
    long t = start;
    long inventoryMs = 5 + random.nextInt(30);
    long paymentMs = 20 + random.nextInt(200);
    long checkoutMs = inventoryMs + paymentMs + 10;
    long rootMs = checkoutMs + 15 + random.nextInt(20);

    Span.Builder paymentSpan =
        span(
            traceId,
            payment,
            checkout,
            "payment.Charge",
            Span.SpanKind.SPAN_KIND_SERVER,
            t + ms(12 + inventoryMs),
            paymentMs,
            kv("rpc.system", "grpc"),
            kv("rpc.service", "payment.PaymentService"),
            kv("rpc.method", "Charge"),
            kv("app.payment.amount", 10 + random.nextInt(500)));
    Span.Builder checkoutSpan =
        span(
            traceId,
            checkout,
            root,
            "POST /api/checkout",
            Span.SpanKind.SPAN_KIND_SERVER,
            t + ms(5),
            checkoutMs,
            kv("http.request.method", "POST"),
            kv("http.route", "/api/checkout"),
            kv("enduser.id", user));
    Span.Builder rootSpan =
        span(
            traceId,
            root,
            ByteString.EMPTY,
            "GET /cart/checkout",
            Span.SpanKind.SPAN_KIND_SERVER,
            t,
            rootMs,
            kv("http.request.method", "GET"),
            kv("http.route", "/cart/checkout"),
            kv("url.scheme", "https"),
            kv("user_agent.original", "Mozilla/5.0 (quickstart)"));
    Span.Builder inventorySpan =
        span(
            traceId,
            inventory,
            checkout,
            "inventory.Reserve",
            Span.SpanKind.SPAN_KIND_SERVER,
            t + ms(8),
            inventoryMs,
            kv("rpc.system", "grpc"),
            kv("rpc.method", "Reserve"),
            kv("app.items", 1 + random.nextInt(5)));
    if (random.nextBoolean()) {
      inventorySpan.addEvents(
          Span.Event.newBuilder()
              .setName("cache miss")
              .setTimeUnixNano(t + ms(9))
              .addAttributes(kv("cache.key", "sku-" + random.nextInt(100))));
    }
    if (paymentFails) {
      paymentSpan
          .setStatus(
              Status.newBuilder()
                  .setCode(Status.StatusCode.STATUS_CODE_ERROR)
                  .setMessage("card declined"))
          .addEvents(
              Span.Event.newBuilder()
                  .setName("exception")
                  .setTimeUnixNano(t + ms(12 + inventoryMs + paymentMs - 1))
                  .addAttributes(kv("exception.type", "io.shop.PaymentDeclinedException"))
                  .addAttributes(kv("exception.message", "card declined for " + user))
                  .addAttributes(
                      kv(
                          "exception.stacktrace",
                          "io.shop.PaymentDeclinedException: card declined\n\tat io.shop.Payment.charge")));
      checkoutSpan.setStatus(
          Status.newBuilder()
              .setCode(Status.StatusCode.STATUS_CODE_ERROR)
              .setMessage("payment failed"));
      checkoutSpan.addAttributes(kv("http.response.status_code", 502));
      rootSpan.addAttributes(kv("http.response.status_code", 502));
      rootSpan.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
    } else {
      paymentSpan.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK));
      checkoutSpan.addAttributes(kv("http.response.status_code", 200));
      rootSpan.addAttributes(kv("http.response.status_code", 200));
      checkoutSpan.addEvents(
          Span.Event.newBuilder()
              .setName("order placed")
              .setTimeUnixNano(t + ms(checkoutMs))
              .addAttributes(
                  kv("app.order.id", "order-" + Long.toHexString(random.nextLong() & 0xffffffL))));
    }
    // The frontend's outgoing call, and a link from the email job back to the order.
    Span.Builder clientSpan =
        span(
            traceId,
            randomId(8),
            root,
            "POST",
            Span.SpanKind.SPAN_KIND_CLIENT,
            t + ms(3),
            checkoutMs + 4,
            kv("http.request.method", "POST"),
            kv("server.address", "checkout"));
    checkoutSpan.setParentSpanId(clientSpan.getSpanId());
    add(spans, "frontend", rootSpan, clientSpan);
    add(spans, "checkout", checkoutSpan);
    add(spans, "inventory", inventorySpan);
    add(spans, "payment", paymentSpan);
    if (!paymentFails) {
      add(
          spans,
          "email",
          span(
                  traceId,
                  email,
                  checkout,
                  "send confirmation",
                  Span.SpanKind.SPAN_KIND_CONSUMER,
                  t + ms(checkoutMs + 20),
                  30 + random.nextInt(40),
                  kv("messaging.system", "kafka"),
                  kv("messaging.destination.name", "orders"))
              .addLinks(Span.Link.newBuilder().setTraceId(traceId).setSpanId(checkout)));
    }

    log(
        logs,
        "frontend",
        traceId,
        root,
        t + ms(1),
        SeverityNumber.SEVERITY_NUMBER_INFO,
        "request GET /cart/checkout from " + user);
    log(
        logs,
        "inventory",
        traceId,
        inventory,
        t + ms(10),
        SeverityNumber.SEVERITY_NUMBER_DEBUG,
        "reserved items");
    if (paymentFails) {
      log(
          logs,
          "payment",
          traceId,
          payment,
          t + ms(12 + inventoryMs + paymentMs - 1),
          SeverityNumber.SEVERITY_NUMBER_ERROR,
          "charge failed: card declined",
          kv("exception.type", "io.shop.PaymentDeclinedException"));
      log(
          logs,
          "checkout",
          traceId,
          checkout,
          t + ms(checkoutMs),
          SeverityNumber.SEVERITY_NUMBER_WARN,
          "checkout aborted: payment failed");
    } else {
      log(
          logs,
          "payment",
          traceId,
          payment,
          t + ms(12 + inventoryMs + paymentMs - 1),
          SeverityNumber.SEVERITY_NUMBER_INFO,
          "charge accepted");
      log(
          logs,
          "checkout",
          traceId,
          checkout,
          t + ms(checkoutMs),
          SeverityNumber.SEVERITY_NUMBER_INFO,
          "order placed");
      log(
          logs,
          "email",
          traceId,
          email,
          t + ms(checkoutMs + 40),
          SeverityNumber.SEVERITY_NUMBER_INFO,
          "confirmation sent to " + user);
    }

    record(paymentFails, "frontend", rootMs);
    record(paymentFails, "checkout", checkoutMs);
    record(false, "inventory", inventoryMs);
    record(paymentFails, "payment", paymentMs);
    if (!paymentFails) {
      record(false, "email", 40);
    }
  }

  private List<Metric> metrics(String service, long now) {
    List<Metric> list = new ArrayList<>();
    KeyValue host = kv("host.name", "host-" + (1 + SERVICES.indexOf(service) % 2));
    list.add(
        Metric.newBuilder()
            .setName("process.cpu.utilization")
            .setUnit("1")
            .setDescription("CPU utilization of the process")
            .setGauge(
                Gauge.newBuilder()
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setTimeUnixNano(now)
                            .setAsDouble(0.05 + random.nextDouble() * 0.8)
                            .addAttributes(host)))
            .build());
    long[] counts = requestCounts.get(service);
    list.add(
        Metric.newBuilder()
            .setName("http.server.request.count")
            .setUnit("{request}")
            .setDescription("Requests served")
            .setSum(
                Sum.newBuilder()
                    .setIsMonotonic(true)
                    .setAggregationTemporality(
                        AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setStartTimeUnixNano(startNanos)
                            .setTimeUnixNano(now)
                            .setAsInt(counts[0])
                            .addAttributes(kv("outcome", "ok")))
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setStartTimeUnixNano(startNanos)
                            .setTimeUnixNano(now)
                            .setAsInt(counts[1])
                            .addAttributes(kv("outcome", "error"))))
            .build());
    HistogramState h = durations.get(service);
    list.add(
        Metric.newBuilder()
            .setName("http.server.request.duration")
            .setUnit("ms")
            .setDescription("Request duration")
            .setHistogram(
                Histogram.newBuilder()
                    .setAggregationTemporality(
                        AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .addDataPoints(
                        HistogramDataPoint.newBuilder()
                            .setStartTimeUnixNano(startNanos)
                            .setTimeUnixNano(now)
                            .setCount(h.count)
                            .setSum(h.sum)
                            .setMin(h.min)
                            .setMax(h.max)
                            .addAllExplicitBounds(HistogramState.BOUNDS)
                            .addAllBucketCounts(h.bucketList())))
            .build());
    list.add(
        Metric.newBuilder()
            .setName("http.server.request.duration.exponential")
            .setUnit("ms")
            .setDescription("Request duration, base-2 exponential buckets")
            .setExponentialHistogram(
                ExponentialHistogram.newBuilder()
                    .setAggregationTemporality(
                        AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .addDataPoints(
                        ExponentialHistogramDataPoint.newBuilder()
                            .setStartTimeUnixNano(startNanos)
                            .setTimeUnixNano(now)
                            .setCount(h.count)
                            .setSum(h.sum)
                            .setScale(0)
                            .setZeroCount(0)
                            .setPositive(
                                ExponentialHistogramDataPoint.Buckets.newBuilder()
                                    .setOffset(0)
                                    .addAllBucketCounts(h.expList()))))
            .build());
    double p50 = 10 + random.nextDouble() * 5;
    list.add(
        Metric.newBuilder()
            .setName("jvm.gc.pause")
            .setUnit("ms")
            .setDescription("GC pauses")
            .setSummary(
                Summary.newBuilder()
                    .addDataPoints(
                        SummaryDataPoint.newBuilder()
                            .setStartTimeUnixNano(startNanos)
                            .setTimeUnixNano(now)
                            .setCount(10 + random.nextInt(10))
                            .setSum(150 + random.nextDouble() * 50)
                            .addQuantileValues(
                                SummaryDataPoint.ValueAtQuantile.newBuilder()
                                    .setQuantile(0.5)
                                    .setValue(p50))
                            .addQuantileValues(
                                SummaryDataPoint.ValueAtQuantile.newBuilder()
                                    .setQuantile(0.99)
                                    .setValue(p50 * 3))))
            .build());
    return list;
  }

  private void record(boolean error, String service, long millis) {
    requestCounts.get(service)[error ? 1 : 0]++;
    durations.get(service).add(millis);
  }

  /** Cumulative duration distribution of one service. */
  private static final class HistogramState {
    static final List<Double> BOUNDS = List.of(5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0);
    final long[] buckets = new long[BOUNDS.size() + 1];
    final long[] exp = new long[12];
    long count;
    double sum;
    double min = Double.NaN;
    double max = Double.NaN;

    void add(long millis) {
      count++;
      sum += millis;
      min = Double.isNaN(min) ? millis : Math.min(min, millis);
      max = Double.isNaN(max) ? millis : Math.max(max, millis);
      int i = 0;
      while (i < BOUNDS.size() && millis > BOUNDS.get(i)) {
        i++;
      }
      buckets[i]++;
      // Scale 0: bucket k holds (2^k, 2^(k+1)].
      int k = Math.max(0, 63 - Long.numberOfLeadingZeros(Math.max(1, millis - 1)));
      exp[Math.min(k, exp.length - 1)]++;
    }

    List<Long> bucketList() {
      List<Long> list = new ArrayList<>();
      for (long b : buckets) {
        list.add(b);
      }
      return list;
    }

    List<Long> expList() {
      List<Long> list = new ArrayList<>();
      for (long b : exp) {
        list.add(b);
      }
      return list;
    }
  }

  private Span.Builder span(
      ByteString traceId,
      ByteString spanId,
      ByteString parent,
      String name,
      Span.SpanKind kind,
      long start,
      long durationMs,
      KeyValue... attributes) {
    Span.Builder span =
        Span.newBuilder()
            .setTraceId(traceId)
            .setSpanId(spanId)
            .setParentSpanId(parent)
            .setName(name)
            .setKind(kind)
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(start + ms(durationMs));
    for (KeyValue kv : attributes) {
      span.addAttributes(kv);
    }
    return span;
  }

  private static void log(
      Map<String, List<LogRecord>> logs,
      String service,
      ByteString traceId,
      ByteString spanId,
      long time,
      SeverityNumber severity,
      String body,
      KeyValue... attributes) {
    String text = severity.name().substring("SEVERITY_NUMBER_".length());
    LogRecord.Builder log =
        LogRecord.newBuilder()
            .setTimeUnixNano(time)
            .setObservedTimeUnixNano(time + 1_000_000L)
            .setSeverityNumber(severity)
            .setSeverityText(text)
            .setBody(AnyValue.newBuilder().setStringValue(body))
            .setTraceId(traceId)
            .setSpanId(spanId)
            .setFlags(1);
    for (KeyValue kv : attributes) {
      log.addAttributes(kv);
    }
    logs.get(service).add(log.build());
  }

  @SafeVarargs
  private static <T extends com.google.protobuf.Message.Builder> void add(
      Map<String, List<Span>> spans, String service, T... builders) {
    for (T builder : builders) {
      spans.get(service).add((Span) builder.build());
    }
  }

  private static Resource resource(String service) {
    return Resource.newBuilder()
        .addAttributes(kv("service.name", service))
        .addAttributes(kv("service.namespace", "shop"))
        .addAttributes(kv("service.version", "1." + (SERVICES.indexOf(service) + 2) + ".0"))
        .addAttributes(kv("deployment.environment.name", "quickstart"))
        .addAttributes(kv("telemetry.sdk.language", "java"))
        .build();
  }

  private static InstrumentationScope scope(String service) {
    return InstrumentationScope.newBuilder()
        .setName("io.shop." + service)
        .setVersion("0.1.0")
        .build();
  }

  private ByteString randomId(int bytes) {
    byte[] id = new byte[bytes];
    random.nextBytes(id);
    id[0] |= 1; // never all zero
    return ByteString.copyFrom(id);
  }

  private static long ms(long millis) {
    return millis * 1_000_000L;
  }
}
