package io.otlpiceberg.telemetry;

import static io.otlpiceberg.telemetry.OtlpValues.kv;
import static io.otlpiceberg.telemetry.OtlpValues.kvArray;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The benchmark's inputs: one realistic export request per signal, built the same way every time
 * (fixed seeds), so the benchmark and the benchmarks' report agree on bytes and rows per request
 * without passing anything between them.
 *
 * <ul>
 *   <li>traces: 4 resources (service, host, k8s and cloud attributes), 2 scopes each, 500 spans in
 *       traces of 3 to 12 spans with parent/child ids, 5 to 15 mixed attributes per span (strings,
 *       ints, doubles, bools, an occasional array), events on about a fifth, links on a few, every
 *       status code;
 *   <li>logs: 3 resources, 500 records, bodies mostly strings with about one in ten a map,
 *       severities, trace/span ids on most, 2 to 8 attributes;
 *   <li>metrics: 3 resources, gauges, sums, histograms (explicit buckets), exponential histograms
 *       and summaries, 500 data points in all, with attributes and some exemplars.
 * </ul>
 *
 * <p>{@link #traces(int)}, {@link #logs(int)} and {@link #metrics(int)} give a stream of such
 * requests: request {@code i} has its own seed (other ids, attribute values, pods and instance ids)
 * and starts {@code i} seconds after the first, so a writer never sees one request repeated, which
 * would flatter Parquet's dictionaries.
 */
public final class VariedRequests {
  /** The signal requests hold about this many rows each. */
  public static final int ROWS = 500;

  private static final long BASE_TIME = 1_750_000_000_000_000_000L; // 2025-06-15, in ns

  /** Seeds of successive requests differ by this (the 64-bit golden ratio): unrelated streams. */
  private static final long SEED_STEP = 0x9E3779B97F4A7C15L;

  private static final String[] SERVICES = {"frontend", "checkout", "payment", "inventory"};
  private static final String[] HTTP_METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
  private static final String[] ROUTES = {
    "/api/v1/cart", "/api/v1/cart/{id}", "/api/v1/orders", "/api/v1/orders/{id}/items",
    "/api/v1/products", "/api/v1/products/{sku}", "/healthz", "/api/v2/checkout/session"
  };
  private static final String[] DB_STATEMENTS = {
    "SELECT o.id, o.customer_id, o.total, o.currency FROM orders o WHERE o.customer_id = ? AND"
        + " o.status IN (?, ?) ORDER BY o.created_at DESC LIMIT 50",
    "UPDATE inventory SET reserved = reserved + ? WHERE sku = ? AND warehouse_id = ?",
    "INSERT INTO payments (id, order_id, amount, currency, provider) VALUES (?, ?, ?, ?, ?)",
    "SELECT p.sku, p.name, p.price FROM products p WHERE p.category = ?"
  };
  private static final String[] LOG_LINES = {
    "Request completed in %d ms with status %d for route %s",
    "Cache miss for key product:%d, loading from database (attempt %d, route %s)",
    "User session refreshed; %d items in cart, last activity %d s ago on %s",
    "Payment authorised by provider stripe: amount=%d.%02d EUR, order %s",
    "Connection pool stats: active=%d idle=%d waiting=0 target=%s",
    "Retrying call to inventory-service after timeout (%d ms, attempt %d, %s)"
  };

  /** Where this request's times start: {@code index} seconds after the first request's. */
  private final long base;

  private VariedRequests(int index) {
    this.base = BASE_TIME + index * 1_000_000_000L;
  }

  /** The protobuf bytes of the {@code index}-th request of a signal's stream. */
  // ---- traces ------------------------------------------------------------------------------

  public static ExportTraceServiceRequest traces() {
    return traces(0);
  }

  /**
   * The {@code index}-th of a stream of trace requests: the same shape as {@link #traces()} (which
   * is index 0), with other ids, attribute values and resources, {@code index} seconds later.
   */
  public static ExportTraceServiceRequest traces(int index) {
    return new VariedRequests(index).buildTraces(new Random(0x7ace5L + index * SEED_STEP));
  }

  private ExportTraceServiceRequest buildTraces(Random random) {
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    int spansLeft = ROWS;
    for (int r = 0; r < SERVICES.length; r++) {
      int spansHere = r == SERVICES.length - 1 ? spansLeft : ROWS / SERVICES.length;
      spansLeft -= spansHere;
      ResourceSpans.Builder resourceSpans =
          ResourceSpans.newBuilder()
              .setResource(resource(SERVICES[r], r, random))
              .setSchemaUrl("https://opentelemetry.io/schemas/1.26.0");
      ScopeSpans.Builder http = scopeSpans("io.opentelemetry.netty-4.1", "2.10.0-alpha");
      ScopeSpans.Builder jdbc = scopeSpans("io.opentelemetry.jdbc", "2.10.0-alpha");
      int made = 0;
      while (made < spansHere) {
        int traceSpans = Math.min(spansHere - made, 3 + random.nextInt(10));
        ByteString traceId = bytes(random, 16);
        List<ByteString> spanIds = new ArrayList<>();
        long traceStart = base + random.nextInt(60_000) * 1_000_000L;
        for (int s = 0; s < traceSpans; s++) {
          ByteString spanId = bytes(random, 8);
          ByteString parent =
              s == 0 ? ByteString.EMPTY : spanIds.get(random.nextInt(spanIds.size()));
          spanIds.add(spanId);
          Span span = span(random, traceId, spanId, parent, traceStart + s * 250_000L, s);
          (span.getKind() == Span.SpanKind.SPAN_KIND_CLIENT && random.nextBoolean() ? jdbc : http)
              .addSpans(span);
        }
        made += traceSpans;
      }
      resourceSpans.addScopeSpans(http).addScopeSpans(jdbc);
      request.addResourceSpans(resourceSpans);
    }
    return request.build();
  }

  private static ScopeSpans.Builder scopeSpans(String name, String version) {
    return ScopeSpans.newBuilder().setScope(scope(name, version));
  }

  private static Span span(
      Random random,
      ByteString traceId,
      ByteString spanId,
      ByteString parent,
      long start,
      int depth) {
    Span.SpanKind kind =
        depth == 0
            ? Span.SpanKind.SPAN_KIND_SERVER
            : Span.SpanKind.forNumber(1 + random.nextInt(5)); // internal .. consumer
    String method = pick(random, HTTP_METHODS);
    String route = pick(random, ROUTES);
    Span.Builder span =
        Span.newBuilder()
            .setTraceId(traceId)
            .setSpanId(spanId)
            .setParentSpanId(parent)
            .setFlags(0x101) // sampled, parent is remote known
            .setName(
                kind == Span.SpanKind.SPAN_KIND_CLIENT
                    ? "SELECT shop.orders"
                    : method + " " + route)
            .setKind(kind)
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(start + 50_000L + random.nextInt(80_000_000));
    if (random.nextInt(10) == 0) {
      span.setTraceState("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
    }
    // 5 to 15 attributes, mixed types.
    int n = 5 + random.nextInt(11);
    List<KeyValue> pool = new ArrayList<>(16);
    pool.add(kv("http.request.method", method));
    pool.add(kv("url.path", route.replace("{id}", Integer.toString(random.nextInt(100_000)))));
    pool.add(kv("http.response.status_code", (long) (random.nextInt(20) == 0 ? 503 : 200)));
    pool.add(kv("server.address", "api.shop.example.com"));
    pool.add(kv("server.port", 8443L));
    pool.add(kv("network.protocol.version", "1.1"));
    pool.add(kv("thread.id", (long) (40 + random.nextInt(200))));
    pool.add(kv("thread.name", "reactor-http-epoll-" + random.nextInt(8)));
    pool.add(kv("db.system", "postgresql"));
    pool.add(kv("db.statement", pick(random, DB_STATEMENTS)));
    pool.add(kv("app.cache.hit", random.nextBoolean()));
    pool.add(kv("app.sampling.ratio", random.nextDouble()));
    pool.add(kv("app.order.total", Math.round(random.nextDouble() * 100_000) / 100.0));
    pool.add(
        kv(
            "user_agent.original",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0"
                + " Safari/537.36"));
    pool.add(
        random.nextInt(4) == 0
            ? kvArray(
                "app.feature_flags",
                AnyValue.newBuilder().setStringValue("new-checkout").build(),
                AnyValue.newBuilder().setStringValue("fast-cart").build(),
                AnyValue.newBuilder().setIntValue(3).build())
            : kv("enduser.id", "user-" + random.nextInt(1_000_000)));
    Collections.shuffle(pool, random);
    for (int i = 0; i < n; i++) {
      span.addAttributes(pool.get(i));
    }
    if (random.nextInt(5) == 0) {
      span.addEvents(
          Span.Event.newBuilder()
              .setTimeUnixNano(start + 20_000L)
              .setName("cache.lookup")
              .addAttributes(kv("cache.key", "product:" + random.nextInt(10_000)))
              .addAttributes(kv("cache.hit", random.nextBoolean())));
    }
    Status.Builder status = Status.newBuilder();
    int outcome = random.nextInt(20);
    if (outcome == 0) {
      status.setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("upstream timed out");
      span.addEvents(
          Span.Event.newBuilder()
              .setTimeUnixNano(start + 40_000L)
              .setName("exception")
              .addAttributes(kv("exception.type", "java.net.SocketTimeoutException"))
              .addAttributes(kv("exception.message", "Read timed out after 30000 ms"))
              .addAttributes(
                  kv(
                      "exception.stacktrace",
                      "java.net.SocketTimeoutException: Read timed out\n"
                          + "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)\n"
                          + "\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:314)\n"
                          + "\tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:976)\n"
                          + "\tat com.example.shop.inventory.Client.reserve(Client.java:142)\n")));
    } else if (outcome < 5) {
      status.setCode(Status.StatusCode.STATUS_CODE_OK);
    }
    span.setStatus(status);
    if (random.nextInt(20) == 0) {
      span.addLinks(
          Span.Link.newBuilder()
              .setTraceId(bytes(random, 16))
              .setSpanId(bytes(random, 8))
              .setFlags(0x101)
              .addAttributes(kv("messaging.operation", "process")));
    }
    return span.build();
  }

  // ---- logs --------------------------------------------------------------------------------

  public static ExportLogsServiceRequest logs() {
    return logs(0);
  }

  /** The {@code index}-th of a stream of log requests; see {@link #traces(int)}. */
  public static ExportLogsServiceRequest logs(int index) {
    return new VariedRequests(index).buildLogs(new Random(0x1095L + index * SEED_STEP));
  }

  private ExportLogsServiceRequest buildLogs(Random random) {
    ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
    int resources = 3;
    int left = ROWS;
    for (int r = 0; r < resources; r++) {
      int here = r == resources - 1 ? left : ROWS / resources;
      left -= here;
      ScopeLogs.Builder app =
          ScopeLogs.newBuilder().setScope(scope("com.example.shop.Checkout", ""));
      ScopeLogs.Builder lib =
          ScopeLogs.newBuilder().setScope(scope("org.hibernate.SQL", "6.4.4.Final"));
      for (int i = 0; i < here; i++) {
        (random.nextInt(4) == 0 ? lib : app).addLogRecords(logRecord(random, i));
      }
      request.addResourceLogs(
          ResourceLogs.newBuilder()
              .setResource(resource(SERVICES[r], r, random))
              .setSchemaUrl("https://opentelemetry.io/schemas/1.26.0")
              .addScopeLogs(app)
              .addScopeLogs(lib));
    }
    return request.build();
  }

  private LogRecord logRecord(Random random, int i) {
    long time = base + random.nextInt(60_000) * 1_000_000L + random.nextInt(1_000_000);
    int level = random.nextInt(20);
    SeverityNumber severity =
        level == 0
            ? SeverityNumber.SEVERITY_NUMBER_ERROR
            : level < 3
                ? SeverityNumber.SEVERITY_NUMBER_WARN
                : level < 8
                    ? SeverityNumber.SEVERITY_NUMBER_DEBUG
                    : SeverityNumber.SEVERITY_NUMBER_INFO;
    LogRecord.Builder log =
        LogRecord.newBuilder()
            .setTimeUnixNano(time)
            .setObservedTimeUnixNano(time + 1_500_000L)
            .setSeverityNumber(severity)
            .setSeverityText(severity.name().substring("SEVERITY_NUMBER_".length()));
    if (random.nextInt(10) == 0) {
      // A structured body.
      log.setBody(
          AnyValue.newBuilder()
              .setKvlistValue(
                  KeyValueList.newBuilder()
                      .addValues(kv("event", "order.placed"))
                      .addValues(kv("order_id", "ord-" + random.nextInt(1_000_000)))
                      .addValues(kv("items", (long) (1 + random.nextInt(9))))
                      .addValues(kv("total", Math.round(random.nextDouble() * 50_000) / 100.0))
                      .addValues(kv("express", random.nextBoolean()))
                      .addValues(
                          kvArray(
                              "skus",
                              AnyValue.newBuilder()
                                  .setStringValue("SKU-" + random.nextInt(9999))
                                  .build(),
                              AnyValue.newBuilder()
                                  .setStringValue("SKU-" + random.nextInt(9999))
                                  .build()))));
      log.setEventName("order.placed");
    } else {
      String line = pick(random, LOG_LINES);
      log.setBody(
          AnyValue.newBuilder()
              .setStringValue(
                  String.format(
                      line, random.nextInt(2000), random.nextInt(100), pick(random, ROUTES))));
    }
    if (random.nextInt(10) < 7) {
      log.setTraceId(bytes(random, 16)).setSpanId(bytes(random, 8)).setFlags(1);
    }
    int attributes = 2 + random.nextInt(7);
    List<KeyValue> pool = new ArrayList<>(8);
    pool.add(kv("log.logger", "com.example.shop.checkout.CheckoutService"));
    pool.add(kv("thread.name", "http-nio-8080-exec-" + random.nextInt(20)));
    pool.add(kv("code.lineno", (long) random.nextInt(900)));
    pool.add(kv("code.function", "placeOrder"));
    pool.add(kv("code.filepath", "com/example/shop/checkout/CheckoutService.java"));
    pool.add(kv("app.retry", random.nextBoolean()));
    pool.add(kv("app.latency_ms", random.nextDouble() * 250));
    pool.add(kv("enduser.id", "user-" + random.nextInt(1_000_000)));
    Collections.shuffle(pool, random);
    for (int a = 0; a < attributes; a++) {
      log.addAttributes(pool.get(a));
    }
    return log.build();
  }

  // ---- metrics -----------------------------------------------------------------------------

  public static ExportMetricsServiceRequest metrics() {
    return metrics(0);
  }

  /** The {@code index}-th of a stream of metric requests; see {@link #traces(int)}. */
  public static ExportMetricsServiceRequest metrics(int index) {
    return new VariedRequests(index).buildMetrics(new Random(0x3e7cL + index * SEED_STEP));
  }

  private ExportMetricsServiceRequest buildMetrics(Random random) {
    ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
    // Per resource: 4 gauges x 8 points, 4 sums x 8, 4 histograms x 6, 2 exponential x 6,
    // 2 summaries x 5 = 110 points; 4 resources and a top-up gauge make 500.
    int points = 0;
    for (int r = 0; r < SERVICES.length; r++) {
      ScopeMetrics.Builder jvm =
          ScopeMetrics.newBuilder()
              .setScope(scope("io.opentelemetry.runtime-telemetry-java17", "2.10.0"));
      ScopeMetrics.Builder http =
          ScopeMetrics.newBuilder().setScope(scope("io.opentelemetry.netty-4.1", "2.10.0-alpha"));
      for (int m = 0; m < 4; m++) {
        jvm.addMetrics(gauge(random, "jvm.memory.used." + m, "By", 8));
        http.addMetrics(sum(random, "http.server.active_requests." + m, 8));
        http.addMetrics(histogram(random, "http.server.request.duration." + m, 6));
        points += 22;
      }
      for (int m = 0; m < 2; m++) {
        http.addMetrics(exponentialHistogram(random, "rpc.client.duration." + m, 6));
        jvm.addMetrics(summary(random, "jvm.gc.pause." + m, 5));
        points += 11;
      }
      if (r == SERVICES.length - 1) {
        jvm.addMetrics(gauge(random, "system.cpu.utilization", "1", ROWS - points));
      }
      request.addResourceMetrics(
          ResourceMetrics.newBuilder()
              .setResource(resource(SERVICES[r], r, random))
              .setSchemaUrl("https://opentelemetry.io/schemas/1.26.0")
              .addScopeMetrics(jvm)
              .addScopeMetrics(http));
    }
    return request.build();
  }

  private Metric gauge(Random random, String name, String unit, int points) {
    Gauge.Builder gauge = Gauge.newBuilder();
    for (int i = 0; i < points; i++) {
      NumberDataPoint.Builder point =
          NumberDataPoint.newBuilder()
              .setTimeUnixNano(base + i * 10_000_000_000L)
              .addAttributes(
                  kv("jvm.memory.pool.name", i % 2 == 0 ? "G1 Eden Space" : "G1 Old Gen"))
              .addAttributes(kv("jvm.memory.type", "heap"));
      if (unit.equals("1")) {
        point.setAsDouble(random.nextDouble());
        point.addAttributes(kv("cpu", (long) i)).addAttributes(kv("state", "user"));
      } else {
        point.setAsInt(random.nextInt(1 << 30));
      }
      gauge.addDataPoints(point);
    }
    return Metric.newBuilder()
        .setName(name)
        .setDescription(unit.equals("1") ? "CPU utilization." : "Measure of memory used.")
        .setUnit(unit)
        .setGauge(gauge)
        .build();
  }

  private Metric sum(Random random, String name, int points) {
    Sum.Builder sum =
        Sum.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .setIsMonotonic(true);
    for (int i = 0; i < points; i++) {
      NumberDataPoint.Builder point =
          NumberDataPoint.newBuilder()
              .setStartTimeUnixNano(base - 3_600_000_000_000L)
              .setTimeUnixNano(base + i * 10_000_000_000L)
              .setAsInt(random.nextInt(1_000_000))
              .addAttributes(kv("http.request.method", pick(random, HTTP_METHODS)))
              .addAttributes(kv("http.route", pick(random, ROUTES)))
              .addAttributes(kv("http.response.status_code", 200L))
              .addAttributes(kv("url.scheme", "https"));
      if (random.nextInt(4) == 0) {
        point.addExemplars(exemplar(random));
      }
      sum.addDataPoints(point);
    }
    return Metric.newBuilder()
        .setName(name)
        .setDescription("Number of HTTP server requests.")
        .setUnit("{request}")
        .setSum(sum)
        .build();
  }

  private static final double[] BOUNDS = {
    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10
  };

  private Metric histogram(Random random, String name, int points) {
    Histogram.Builder histogram =
        Histogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
    for (int i = 0; i < points; i++) {
      HistogramDataPoint.Builder point =
          HistogramDataPoint.newBuilder()
              .setStartTimeUnixNano(base + (i - 1) * 10_000_000_000L)
              .setTimeUnixNano(base + i * 10_000_000_000L)
              .addAttributes(kv("http.request.method", pick(random, HTTP_METHODS)))
              .addAttributes(kv("http.route", pick(random, ROUTES)))
              .addAttributes(kv("http.response.status_code", 200L))
              .addAttributes(kv("network.protocol.version", "1.1"))
              .addAttributes(kv("server.address", "api.shop.example.com"));
      long count = 0;
      for (int b = 0; b <= BOUNDS.length; b++) {
        long c = random.nextInt(500);
        point.addBucketCounts(c);
        count += c;
      }
      for (double bound : BOUNDS) {
        point.addExplicitBounds(bound);
      }
      point.setCount(count).setSum(count * 0.137).setMin(0.0011).setMax(9.87);
      if (random.nextInt(3) == 0) {
        point.addExemplars(exemplar(random)).addExemplars(exemplar(random));
      }
      histogram.addDataPoints(point);
    }
    return Metric.newBuilder()
        .setName(name)
        .setDescription("Duration of HTTP server requests.")
        .setUnit("s")
        .setHistogram(histogram)
        .build();
  }

  private Metric exponentialHistogram(Random random, String name, int points) {
    ExponentialHistogram.Builder histogram =
        ExponentialHistogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    for (int i = 0; i < points; i++) {
      ExponentialHistogramDataPoint.Buckets.Builder positive =
          ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(-20 + random.nextInt(10));
      long count = 0;
      for (int b = 0; b < 24; b++) {
        long c = random.nextInt(300);
        positive.addBucketCounts(c);
        count += c;
      }
      ExponentialHistogramDataPoint.Builder point =
          ExponentialHistogramDataPoint.newBuilder()
              .setStartTimeUnixNano(base - 3_600_000_000_000L)
              .setTimeUnixNano(base + i * 10_000_000_000L)
              .addAttributes(kv("rpc.system", "grpc"))
              .addAttributes(kv("rpc.service", "shop.inventory.v1.InventoryService"))
              .addAttributes(kv("rpc.method", i % 2 == 0 ? "Reserve" : "Release"))
              .setScale(3)
              .setZeroCount(random.nextInt(5))
              .setZeroThreshold(1e-9)
              .setPositive(positive)
              .setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder())
              .setCount(count)
              .setSum(count * 0.0421)
              .setMin(0.0003)
              .setMax(2.5);
      if (random.nextInt(3) == 0) {
        point.addExemplars(exemplar(random));
      }
      histogram.addDataPoints(point);
    }
    return Metric.newBuilder()
        .setName(name)
        .setDescription("Duration of outbound RPCs.")
        .setUnit("s")
        .setExponentialHistogram(histogram)
        .build();
  }

  private Metric summary(Random random, String name, int points) {
    Summary.Builder summary = Summary.newBuilder();
    double[] quantiles = {0, 0.5, 0.9, 0.99, 1};
    for (int i = 0; i < points; i++) {
      SummaryDataPoint.Builder point =
          SummaryDataPoint.newBuilder()
              .setStartTimeUnixNano(base - 3_600_000_000_000L)
              .setTimeUnixNano(base + i * 10_000_000_000L)
              .addAttributes(
                  kv("jvm.gc.name", i % 2 == 0 ? "G1 Young Generation" : "G1 Old Generation"))
              .addAttributes(kv("jvm.gc.action", "end of minor GC"))
              .setCount(100 + random.nextInt(1000))
              .setSum(random.nextDouble() * 30);
      double value = 0.001;
      for (double q : quantiles) {
        value += random.nextDouble() * 0.05;
        point.addQuantileValues(
            SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(q).setValue(value));
      }
      summary.addDataPoints(point);
    }
    return Metric.newBuilder()
        .setName(name)
        .setDescription("Duration of JVM garbage collection pauses.")
        .setUnit("s")
        .setSummary(summary)
        .build();
  }

  private Exemplar exemplar(Random random) {
    return Exemplar.newBuilder()
        .setTimeUnixNano(base + random.nextInt(60_000) * 1_000_000L)
        .setAsDouble(random.nextDouble() * 3)
        .setTraceId(bytes(random, 16))
        .setSpanId(bytes(random, 8))
        .addFilteredAttributes(kv("enduser.id", "user-" + random.nextInt(1_000_000)))
        .build();
  }

  // ---- shared pieces -----------------------------------------------------------------------

  private static Resource resource(String service, int index, Random random) {
    String pod = service + "-7d9f8b6c5-" + Long.toString(random.nextLong() & 0xfffffL, 36);
    return Resource.newBuilder()
        .addAttributes(kv("service.name", service))
        .addAttributes(kv("service.namespace", "shop"))
        .addAttributes(kv("service.version", "1.4." + index))
        .addAttributes(kv("service.instance.id", uuid(random)))
        .addAttributes(kv("telemetry.sdk.language", "java"))
        .addAttributes(kv("telemetry.sdk.name", "opentelemetry"))
        .addAttributes(kv("telemetry.sdk.version", "1.44.1"))
        .addAttributes(kv("host.name", "ip-10-0-" + index + "-17.eu-west-1.compute.internal"))
        .addAttributes(kv("host.arch", "amd64"))
        .addAttributes(kv("os.type", "linux"))
        .addAttributes(kv("process.pid", (long) (1 + random.nextInt(30_000))))
        .addAttributes(kv("cloud.provider", "aws"))
        .addAttributes(kv("cloud.region", "eu-west-1"))
        .addAttributes(kv("k8s.cluster.name", "prod-eu-1"))
        .addAttributes(kv("k8s.namespace.name", "shop"))
        .addAttributes(kv("k8s.deployment.name", service))
        .addAttributes(kv("k8s.pod.name", pod))
        .addAttributes(kv("k8s.pod.uid", uuid(random)))
        .addAttributes(kv("k8s.node.name", "ip-10-0-" + index + "-17.eu-west-1.compute.internal"))
        .build();
  }

  private static InstrumentationScope scope(String name, String version) {
    return InstrumentationScope.newBuilder().setName(name).setVersion(version).build();
  }

  private static ByteString bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return ByteString.copyFrom(b);
  }

  private static String uuid(Random random) {
    return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
  }

  private static <T> T pick(Random random, T[] values) {
    return values[random.nextInt(values.length)];
  }
}
