package io.otlpiceberg.rows;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Gauge;
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
import io.otlpiceberg.OtlpJsonFixtures;
import io.otlpiceberg.decode.OtlpDecoder;
import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.tables.OtlpTable;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests built with the opentelemetry-proto classes to reach the corners the samples do not:
 * non-finite doubles, 64-bit extremes, missing ids and times, unicode, bytes, nested values. Each
 * is decoded from protobuf and from OTLP/JSON (upper- and lower-case ids) with the same
 * expectations.
 */
class GeneratedRequestsTest {
  private static final OtlpDecoder DECODER = new OtlpDecoder();
  private static final byte[] TRACE_ID =
      HexFormat.of().parseHex("0af7651916cd43dd8448eb211c80319c");
  private static final byte[] SPAN_ID = HexFormat.of().parseHex("b7ad6b7169203331");

  static Stream<Arguments> encodings() {
    return Stream.of(Arguments.of("protobuf"), Arguments.of("json"), Arguments.of("json-upper"));
  }

  private static byte[] encode(Message request, String encoding) {
    switch (encoding) {
      case "protobuf":
        return request.toByteArray();
      case "json":
        return OtlpJsonFixtures.print(request, false);
      default:
        return OtlpJsonFixtures.print(request, true);
    }
  }

  private static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static AnyValue str(String s) {
    return AnyValue.newBuilder().setStringValue(s).build();
  }

  private static AnyValue dbl(double d) {
    return AnyValue.newBuilder().setDoubleValue(d).build();
  }

  private static AnyValue integer(long i) {
    return AnyValue.newBuilder().setIntValue(i).build();
  }

  private static AnyValue array(AnyValue... values) {
    return AnyValue.newBuilder()
        .setArrayValue(ArrayValue.newBuilder().addAllValues(List.of(values)))
        .build();
  }

  private static AnyValue kvlist(KeyValue... values) {
    return AnyValue.newBuilder()
        .setKvlistValue(KeyValueList.newBuilder().addAllValues(List.of(values)))
        .build();
  }

  private static final List<KeyValue> TRICKY_ATTRIBUTES =
      List.of(
          kv("nan", dbl(Double.NaN)),
          kv("inf", dbl(Double.POSITIVE_INFINITY)),
          kv("-inf", dbl(Double.NEGATIVE_INFINITY)),
          kv("tiny", dbl(1e-7)),
          kv("huge", dbl(1e21)),
          kv("int.max", integer(Long.MAX_VALUE)),
          kv("int.min", integer(Long.MIN_VALUE)),
          kv(
              "bytes",
              AnyValue.newBuilder()
                  .setBytesValue(ByteString.copyFrom(new byte[] {0, 1, 2, (byte) 0xff}))
                  .build()),
          kv("unicode", str("héllo wörld ✓ 日本語 🚀")),
          kv("empty", AnyValue.getDefaultInstance()),
          kv(
              "nested",
              array(
                  str("a<b>&\"c\"\n"),
                  integer(-1),
                  array(dbl(0.5), AnyValue.newBuilder().setBoolValue(false).build()),
                  kvlist(kv("z", str("last")), kv("a", dbl(Double.NaN)), kv("a", integer(2))),
                  AnyValue.getDefaultInstance())),
          kv("dup", str("first")),
          kv("dup", str("second")));

  private static void assertTrickyAttributes(Object attributes) {
    @SuppressWarnings("unchecked")
    Map<String, String> map = (Map<String, String>) attributes;
    assertThat(map)
        .containsEntry("nan", "NaN")
        .containsEntry("inf", "+Inf")
        .containsEntry("-inf", "-Inf")
        .containsEntry("tiny", "1e-7")
        .containsEntry("huge", "1e+21")
        .containsEntry("int.max", "9223372036854775807")
        .containsEntry("int.min", "-9223372036854775808")
        .containsEntry("bytes", "AAEC/w==")
        .containsEntry("unicode", "héllo wörld ✓ 日本語 🚀")
        // Present but empty is "" (pcommon.Value.AsString), not missing.
        .containsEntry("empty", "")
        .containsEntry(
            "nested",
            "[\"a\\u003cb\\u003e\\u0026\\\"c\\\"\\n\",-1,[0.5,false],{\"a\":2,\"z\":\"last\"},null]")
        .containsEntry("dup", "second")
        .hasSize(12);
  }

  private static Resource resource() {
    return Resource.newBuilder()
        .addAttributes(kv("service.name", str("checkout")))
        .addAttributes(kv("host.cores", integer(8)))
        .setDroppedAttributesCount(3)
        .build();
  }

  @ParameterizedTest
  @MethodSource("encodings")
  void spanEdgesSurviveBothEncodings(String encoding) throws Exception {
    long beyondSignedRange = 0x8000_0000_0000_0001L; // a fixed64 time past 2^63 ns (year 2262+)
    Span child =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(TRACE_ID))
            .setSpanId(ByteString.copyFrom(SPAN_ID))
            .setParentSpanId(ByteString.copyFrom(SPAN_ID))
            .setTraceState("rojo=00f067aa0ba902b7")
            .setFlags(0x301)
            .setName("GET /cart 💳")
            .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .setStartTimeUnixNano(1_700_000_000_123_456_789L)
            .setEndTimeUnixNano(1_700_000_000_223_456_789L)
            .addAllAttributes(TRICKY_ATTRIBUTES)
            .setDroppedAttributesCount(7)
            .addEvents(
                Span.Event.newBuilder()
                    .setTimeUnixNano(1_700_000_000_200_000_001L)
                    .setName("exception")
                    .addAttributes(kv("exception.type", str("IOError")))
                    .setDroppedAttributesCount(1))
            .setDroppedEventsCount(2)
            .addLinks(
                Span.Link.newBuilder()
                    .setTraceId(ByteString.copyFrom(TRACE_ID))
                    .setSpanId(ByteString.copyFrom(SPAN_ID))
                    .setTraceState("k=v")
                    .setFlags(1)
                    .addAttributes(kv("link.kind", str("follows")))
                    .setDroppedAttributesCount(4))
            .setDroppedLinksCount(5)
            .setStatus(
                Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
            .build();
    Span bare =
        Span.newBuilder()
            .setName("no ids, no times")
            .setKindValue(42) // a kind this proto version does not know
            .setEndTimeUnixNano(beyondSignedRange)
            .build();
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(resource())
                    .setSchemaUrl("https://opentelemetry.io/schemas/1.24.0")
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .setScope(
                                InstrumentationScope.newBuilder()
                                    .setName("io.grpc")
                                    .setVersion("2")
                                    .setDroppedAttributesCount(9))
                            .setSchemaUrl("https://scope/schema")
                            .addSpans(child)
                            .addSpans(bare)))
            .build();

    List<Map<String, Object>> rows =
        DECODER.decode(Signal.TRACES, encode(request, encoding)).rows(OtlpTable.TRACES);

    assertThat(rows).hasSize(2);
    Map<String, Object> row = rows.get(0);
    assertThat(row.get("timestamp"))
        .isEqualTo(OffsetDateTime.parse("2023-11-14T22:13:20.123456Z")); // truncated to micros
    assertThat(row.get("start_time_unix_nano")).isEqualTo(1_700_000_000_123_456_789L);
    assertThat(row.get("duration_ns")).isEqualTo(100_000_000L);
    assertThat(row.get("service_name")).isEqualTo("checkout");
    assertThat(row.get("trace_id")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(row.get("span_id")).isEqualTo("b7ad6b7169203331");
    assertThat(row.get("parent_span_id")).isEqualTo("b7ad6b7169203331");
    assertThat(row.get("trace_state")).isEqualTo("rojo=00f067aa0ba902b7");
    assertThat(row.get("flags")).isEqualTo(0x301);
    assertThat(row.get("name")).isEqualTo("GET /cart 💳");
    assertThat(row.get("kind")).isEqualTo("SPAN_KIND_CLIENT");
    assertThat(row.get("status_code")).isEqualTo("STATUS_CODE_ERROR");
    assertThat(row.get("status_message")).isEqualTo("boom");
    assertTrickyAttributes(row.get("attributes"));
    assertThat(row.get("dropped_attributes_count")).isEqualTo(7);
    assertThat(row.get("dropped_events_count")).isEqualTo(2);
    assertThat(row.get("dropped_links_count")).isEqualTo(5);
    assertThat(row.get("resource_attributes"))
        .isEqualTo(Map.of("service.name", "checkout", "host.cores", "8"));
    assertThat(row.get("resource_dropped_attributes_count")).isEqualTo(3);
    assertThat(row.get("resource_schema_url")).isEqualTo("https://opentelemetry.io/schemas/1.24.0");
    assertThat(row.get("scope_name")).isEqualTo("io.grpc");
    assertThat(row.get("scope_version")).isEqualTo("2");
    assertThat(row.get("scope_attributes")).isEqualTo(Map.of());
    assertThat(row.get("scope_dropped_attributes_count")).isEqualTo(9);
    assertThat(row.get("scope_schema_url")).isEqualTo("https://scope/schema");

    Map<?, ?> event = (Map<?, ?>) ((List<?>) row.get("events")).get(0);
    assertThat(event.get("timestamp")).isEqualTo(OffsetDateTime.parse("2023-11-14T22:13:20.200Z"));
    assertThat(event.get("time_unix_nano")).isEqualTo(1_700_000_000_200_000_001L);
    assertThat(event.get("name")).isEqualTo("exception");
    assertThat(event.get("attributes")).isEqualTo(Map.of("exception.type", "IOError"));
    assertThat(event.get("dropped_attributes_count")).isEqualTo(1);
    Map<?, ?> link = (Map<?, ?>) ((List<?>) row.get("links")).get(0);
    assertThat(link.get("trace_id")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(link.get("span_id")).isEqualTo("b7ad6b7169203331");
    assertThat(link.get("trace_state")).isEqualTo("k=v");
    assertThat(link.get("flags")).isEqualTo(1);
    assertThat(link.get("attributes")).isEqualTo(Map.of("link.kind", "follows"));
    assertThat(link.get("dropped_attributes_count")).isEqualTo(4);

    Map<String, Object> bareRow = rows.get(1);
    assertThat(bareRow.get("trace_id")).isNull();
    assertThat(bareRow.get("span_id")).isNull();
    assertThat(bareRow.get("parent_span_id")).isNull();
    assertThat(bareRow.get("timestamp")).isNull(); // zero start time
    assertThat(bareRow.get("start_time_unix_nano")).isEqualTo(0L);
    assertThat(bareRow.get("end_time_unix_nano")).isEqualTo(beyondSignedRange);
    assertThat(bareRow.get("duration_ns")).isNull();
    assertThat(bareRow.get("kind")).isEqualTo("42");
    assertThat(bareRow.get("status_code")).isEqualTo("STATUS_CODE_UNSET");
    assertThat(bareRow.get("events")).isEqualTo(List.of());
  }

  @ParameterizedTest
  @MethodSource("encodings")
  void logBodiesOfEveryKindAndMissingTimes(String encoding) throws Exception {
    List<AnyValue> bodies =
        List.of(
            str("plain"),
            integer(Long.MIN_VALUE),
            dbl(Double.NaN),
            AnyValue.newBuilder().setBoolValue(true).build(),
            AnyValue.newBuilder().setBytesValue(ByteString.copyFromUtf8("hi")).build(),
            array(str("x"), dbl(2.5)),
            kvlist(kv("b", integer(1)), kv("a", str("ü"))),
            AnyValue.getDefaultInstance());
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    for (int i = 0; i < bodies.size(); i++) {
      LogRecord.Builder log = LogRecord.newBuilder().setBody(bodies.get(i));
      if (i == 0) {
        log.setTimeUnixNano(0)
            .setObservedTimeUnixNano(1_700_000_000_000_000_000L)
            .setTraceId(ByteString.copyFrom(TRACE_ID))
            .setSpanId(ByteString.copyFrom(SPAN_ID))
            .setFlags(1)
            .setSeverityNumberValue(17)
            .setSeverityText("ERROR")
            .addAllAttributes(TRICKY_ATTRIBUTES)
            .setDroppedAttributesCount(2)
            .setEventName("app.crash");
      }
      scope.addLogRecords(log);
    }
    ExportLogsServiceRequest request =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(ResourceLogs.newBuilder().setResource(resource()).addScopeLogs(scope))
            .build();

    List<Map<String, Object>> rows =
        DECODER.decode(Signal.LOGS, encode(request, encoding)).rows(OtlpTable.LOGS);

    assertThat(rows)
        .extracting(r -> r.get("body"))
        .containsExactly(
            "plain",
            "-9223372036854775808",
            "NaN",
            "true",
            "aGk=",
            "[\"x\",2.5]",
            "{\"a\":\"ü\",\"b\":1}",
            "");
    assertThat(rows)
        .extracting(r -> r.get("body_type"))
        .containsExactly("string", "int", "double", "bool", "bytes", "array", "map", "empty");
    Map<String, Object> first = rows.get(0);
    // no event time: the observed time stands in for timestamp, time_unix_nano stays as sent
    assertThat(first.get("timestamp")).isEqualTo(OffsetDateTime.parse("2023-11-14T22:13:20Z"));
    assertThat(first.get("time_unix_nano")).isEqualTo(0L);
    assertThat(first.get("observed_time_unix_nano")).isEqualTo(1_700_000_000_000_000_000L);
    assertThat(first.get("severity_number")).isEqualTo(17);
    assertThat(first.get("severity_text")).isEqualTo("ERROR");
    assertThat(first.get("event_name")).isEqualTo("app.crash");
    assertThat(first.get("trace_id")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(first.get("span_id")).isEqualTo("b7ad6b7169203331");
    assertThat(first.get("flags")).isEqualTo(1);
    assertThat(first.get("dropped_attributes_count")).isEqualTo(2);
    assertTrickyAttributes(first.get("attributes"));
    // neither time: no timestamp at all
    assertThat(rows.get(1).get("timestamp")).isNull();
    assertThat(rows.get(1).get("trace_id")).isNull();
  }

  @ParameterizedTest
  @MethodSource("encodings")
  void metricValuesKeepIntsExactAndNonFiniteDoubles(String encoding) throws Exception {
    Exemplar intExemplar =
        Exemplar.newBuilder()
            .setAsInt(Long.MAX_VALUE)
            .setTimeUnixNano(1_700_000_000_000_000_123L)
            .setTraceId(ByteString.copyFrom(TRACE_ID))
            .setSpanId(ByteString.copyFrom(SPAN_ID))
            .addFilteredAttributes(kv("user", str("u1")))
            .build();
    Metric gauge =
        Metric.newBuilder()
            .setName("g")
            .setUnit("By")
            .setDescription("d")
            .addMetadata(kv("origin", str("prometheus")))
            .setGauge(
                Gauge.newBuilder()
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setAsInt(Long.MAX_VALUE)
                            .setTimeUnixNano(1)
                            .addExemplars(intExemplar)
                            .setFlags(1))
                    .addDataPoints(NumberDataPoint.newBuilder().setAsInt(Long.MIN_VALUE))
                    .addDataPoints(NumberDataPoint.newBuilder().setAsDouble(Double.NaN))
                    .addDataPoints(
                        NumberDataPoint.newBuilder().setAsDouble(Double.NEGATIVE_INFINITY))
                    .addDataPoints(NumberDataPoint.newBuilder()))
            .build();
    Metric sum =
        Metric.newBuilder()
            .setName("s")
            .setSum(
                Sum.newBuilder()
                    .setIsMonotonic(false)
                    .setAggregationTemporality(
                        AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setAsDouble(-0.25)
                            .addExemplars(
                                Exemplar.newBuilder().setAsDouble(Double.POSITIVE_INFINITY))))
            .build();
    Metric summary =
        Metric.newBuilder()
            .setName("sm")
            .setSummary(
                Summary.newBuilder()
                    .addDataPoints(
                        SummaryDataPoint.newBuilder()
                            .setCount(-1L) // 2^64-1 as an unsigned fixed64
                            .setSum(12.5)
                            .addQuantileValues(
                                SummaryDataPoint.ValueAtQuantile.newBuilder()
                                    .setQuantile(0.5)
                                    .setValue(3))
                            .addQuantileValues(
                                SummaryDataPoint.ValueAtQuantile.newBuilder()
                                    .setQuantile(0.99)
                                    .setValue(Double.POSITIVE_INFINITY))))
            .build();
    ExportMetricsServiceRequest request =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(
                ResourceMetrics.newBuilder()
                    .setResource(resource())
                    .addScopeMetrics(
                        ScopeMetrics.newBuilder()
                            .addMetrics(gauge)
                            .addMetrics(sum)
                            .addMetrics(summary)
                            .addMetrics(Metric.newBuilder().setName("no data"))))
            .build();

    TableRows rows = DECODER.decode(Signal.METRICS, encode(request, encoding));

    List<Map<String, Object>> gauges = rows.rows(OtlpTable.METRICS_GAUGE);
    assertThat(gauges)
        .extracting(r -> r.get("value_int"))
        .containsExactly(Long.MAX_VALUE, Long.MIN_VALUE, null, null, null);
    assertThat(gauges)
        .extracting(r -> r.get("value"))
        .containsExactly(
            (double) Long.MAX_VALUE,
            (double) Long.MIN_VALUE,
            Double.NaN,
            Double.NEGATIVE_INFINITY,
            null);
    Map<String, Object> first = gauges.get(0);
    assertThat(first.get("metric_metadata")).isEqualTo(Map.of("origin", "prometheus"));
    assertThat(first.get("metric_unit")).isEqualTo("By");
    assertThat(first.get("flags")).isEqualTo(1);
    assertThat(first.get("time_unix_nano")).isEqualTo(1L);
    assertThat(first.get("timestamp")).isEqualTo(OffsetDateTime.parse("1970-01-01T00:00:00Z"));
    Map<?, ?> exemplar = (Map<?, ?>) ((List<?>) first.get("exemplars")).get(0);
    assertThat(exemplar.get("value")).isEqualTo((double) Long.MAX_VALUE);
    assertThat(exemplar.get("value_int")).isEqualTo(Long.MAX_VALUE);
    assertThat(exemplar.get("time_unix_nano")).isEqualTo(1_700_000_000_000_000_123L);
    assertThat(exemplar.get("timestamp")).isEqualTo(OffsetDateTime.parse("2023-11-14T22:13:20Z"));
    assertThat(exemplar.get("trace_id")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(exemplar.get("span_id")).isEqualTo("b7ad6b7169203331");
    assertThat(exemplar.get("filtered_attributes")).isEqualTo(Map.of("user", "u1"));

    Map<String, Object> sumRow = rows.rows(OtlpTable.METRICS_SUM).get(0);
    assertThat(sumRow.get("value")).isEqualTo(-0.25);
    assertThat(sumRow.get("is_monotonic")).isEqualTo(false);
    assertThat(sumRow.get("aggregation_temporality")).isEqualTo(2);
    Map<?, ?> sumExemplar = (Map<?, ?>) ((List<?>) sumRow.get("exemplars")).get(0);
    assertThat(sumExemplar.get("value")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(sumExemplar.get("value_int")).isNull();
    assertThat(sumExemplar.get("trace_id")).isNull();

    Map<String, Object> summaryRow = rows.rows(OtlpTable.METRICS_SUMMARY).get(0);
    assertThat(summaryRow.get("count")).isEqualTo(-1L);
    assertThat(summaryRow.get("sum")).isEqualTo(12.5);
    assertThat((List<?>) summaryRow.get("quantile_values"))
        .extracting(q -> ((Map<?, ?>) q).get("quantile"), q -> ((Map<?, ?>) q).get("value"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0.5, 3.0),
            org.assertj.core.groups.Tuple.tuple(0.99, Double.POSITIVE_INFINITY));
    assertThat(rows.count()).isEqualTo(7); // the metric without data has no rows
  }

  @org.junit.jupiter.api.Test
  void snakeCaseJsonAndEnumNamesAreAccepted() throws Exception {
    String json =
        "{\"resource_spans\":[{\"scope_spans\":[{\"spans\":[{\"trace_id\":\"0AF7651916CD43DD8448EB211C80319C\","
            + "\"span_id\":\"b7ad6b7169203331\",\"kind\":\"SPAN_KIND_PRODUCER\","
            + "\"start_time_unix_nano\":1700000000000000000,\"status\":{\"code\":\"STATUS_CODE_OK\"},"
            + "\"future_field\":{\"x\":[1,2,3]},\"flags\":null}]}]}]}";
    Map<String, Object> row =
        DECODER
            .decode(Signal.TRACES, json.getBytes(StandardCharsets.UTF_8))
            .rows(OtlpTable.TRACES)
            .get(0);
    assertThat(row.get("trace_id")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(row.get("kind")).isEqualTo("SPAN_KIND_PRODUCER");
    assertThat(row.get("status_code")).isEqualTo("STATUS_CODE_OK");
    assertThat(row.get("start_time_unix_nano")).isEqualTo(1_700_000_000_000_000_000L);
    assertThat(row.get("flags")).isEqualTo(0);
  }
}
