package io.otlpiceberg.rows;

import static io.otlpiceberg.OtlpJsonFixtures.parse;
import static io.otlpiceberg.OtlpJsonFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.otlpiceberg.decode.OtlpDecoder;
import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.tables.OtlpTable;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenTelemetry project's own examples, as OTLP/JSON and as protobuf, checked column by column
 * against values worked out by hand from the sample files.
 */
class SampleRowsTest {
  private static final OtlpDecoder DECODER = new OtlpDecoder();
  private static final OffsetDateTime AT_14_51_00 = OffsetDateTime.parse("2018-12-13T14:51:00Z");
  private static final OffsetDateTime AT_14_51_00_3 =
      OffsetDateTime.parse("2018-12-13T14:51:00.300Z");
  private static final long NANOS_14_51_00_3 = 1544712660300000000L;

  enum Encoding {
    JSON,
    PROTOBUF
  }

  static Stream<Arguments> encodings() {
    return Stream.of(Arguments.of(Encoding.JSON), Arguments.of(Encoding.PROTOBUF));
  }

  private static byte[] bytes(String sample, Encoding encoding) {
    byte[] json = sample(sample);
    if (encoding == Encoding.JSON) {
      return json;
    }
    switch (sample) {
      case "trace.json":
        return parse(json, ExportTraceServiceRequest.newBuilder()).build().toByteArray();
      case "metrics.json":
        return parse(json, ExportMetricsServiceRequest.newBuilder()).build().toByteArray();
      default:
        return parse(json, ExportLogsServiceRequest.newBuilder()).build().toByteArray();
    }
  }

  private static Map<String, Object> source() {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("service_name", "my.service");
    columns.put("resource_attributes", Map.of("service.name", "my.service"));
    columns.put("resource_dropped_attributes_count", 0);
    columns.put("resource_schema_url", "");
    columns.put("scope_name", "my.library");
    columns.put("scope_version", "1.0.0");
    columns.put("scope_attributes", Map.of("my.scope.attribute", "some scope attribute"));
    columns.put("scope_dropped_attributes_count", 0);
    columns.put("scope_schema_url", "");
    return columns;
  }

  /** Compares a row with the expected columns: every column of the table, no more, no less. */
  private static void assertRow(
      OtlpTable table, Map<String, Object> row, Map<String, Object> expected) {
    assertThat(row.keySet())
        .containsExactlyElementsOf(table.schema().columns().stream().map(c -> c.name()).toList());
    assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(row.keySet());
    for (Map.Entry<String, Object> column : expected.entrySet()) {
      assertThat(row.get(column.getKey()))
          .as("%s.%s", table.tableName(), column.getKey())
          .isEqualTo(column.getValue());
    }
  }

  @ParameterizedTest
  @MethodSource("encodings")
  void traceSampleGivesOneSpanRow(Encoding encoding) throws Exception {
    TableRows rows = DECODER.decode(Signal.TRACES, bytes("trace.json", encoding));

    assertThat(rows.count()).isEqualTo(1);
    Map<String, Object> expected = source();
    expected.put("timestamp", AT_14_51_00);
    expected.put("start_time_unix_nano", 1544712660000000000L);
    expected.put("end_time_unix_nano", 1544712661000000000L);
    expected.put("duration_ns", 1_000_000_000L);
    expected.put("trace_id", "5b8efff798038103d269b633813fc60c");
    expected.put("span_id", "eee19b7ec3c1b174");
    expected.put("parent_span_id", "eee19b7ec3c1b173");
    expected.put("trace_state", "");
    expected.put("flags", 0);
    expected.put("name", "I'm a server span");
    expected.put("kind", "SPAN_KIND_SERVER");
    expected.put("status_code", "STATUS_CODE_UNSET");
    expected.put("status_message", "");
    expected.put("attributes", Map.of("my.span.attr", "some value"));
    expected.put("dropped_attributes_count", 0);
    expected.put("events", List.of());
    expected.put("dropped_events_count", 0);
    expected.put("links", List.of());
    expected.put("dropped_links_count", 0);
    assertRow(OtlpTable.TRACES, rows.rows(OtlpTable.TRACES).get(0), expected);
  }

  @ParameterizedTest
  @MethodSource("encodings")
  void logSampleRendersEveryAttributeKindAsTheCollectorDoes(Encoding encoding) throws Exception {
    TableRows rows = DECODER.decode(Signal.LOGS, bytes("logs.json", encoding));

    assertThat(rows.count()).isEqualTo(1);
    Map<String, Object> expected = source();
    expected.put("timestamp", AT_14_51_00_3);
    expected.put("time_unix_nano", NANOS_14_51_00_3);
    expected.put("observed_time_unix_nano", NANOS_14_51_00_3);
    expected.put("severity_number", 10);
    expected.put("severity_text", "Information");
    expected.put("body", "Example log record");
    expected.put("body_type", "string");
    expected.put("event_name", "");
    expected.put("trace_id", "5b8efff798038103d269b633813fc60c");
    expected.put("span_id", "eee19b7ec3c1b174");
    expected.put("flags", 0);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("string.attribute", "some string");
    attributes.put("boolean.attribute", "true");
    attributes.put("int.attribute", "10");
    attributes.put("double.attribute", "637.704");
    attributes.put("array.attribute", "[\"many\",\"values\"]");
    attributes.put("map.attribute", "{\"some.map.key\":\"some value\"}");
    expected.put("attributes", attributes);
    expected.put("dropped_attributes_count", 0);
    assertRow(OtlpTable.LOGS, rows.rows(OtlpTable.LOGS).get(0), expected);
    // attribute order is kept as sent
    assertThat(
            new java.util.ArrayList<Object>(
                ((Map<?, ?>) rows.rows(OtlpTable.LOGS).get(0).get("attributes")).keySet()))
        .containsExactlyElementsOf(new java.util.ArrayList<Object>(attributes.keySet()));
  }

  @ParameterizedTest
  @MethodSource("encodings")
  void eventSampleKeepsEventNameAndMapBodyAsSortedJson(Encoding encoding) throws Exception {
    TableRows rows = DECODER.decode(Signal.LOGS, bytes("events.json", encoding));

    Map<String, Object> expected = source();
    expected.put("timestamp", AT_14_51_00_3);
    expected.put("time_unix_nano", NANOS_14_51_00_3);
    expected.put("observed_time_unix_nano", NANOS_14_51_00_3);
    expected.put("severity_number", 9);
    expected.put("severity_text", "test severity text");
    expected.put(
        "body",
        "{\"referrer\":\"https://wwww.google.com\",\"title\":\"Free Online GUID Generator\","
            + "\"type\":0,\"url\":\"https://www.guidgenerator.com/online-guid-generator.aspx\"}");
    expected.put("body_type", "map");
    expected.put("event_name", "browser.page_view");
    expected.put("trace_id", null);
    expected.put("span_id", null);
    expected.put("flags", 0);
    expected.put("attributes", Map.of("event.attribute", "some event attribute"));
    expected.put("dropped_attributes_count", 0);
    assertThat(rows.count()).isEqualTo(1);
    assertRow(OtlpTable.LOGS, rows.rows(OtlpTable.LOGS).get(0), expected);
  }

  private static Map<String, Object> metric(String name, String description, String attribute) {
    Map<String, Object> expected = source();
    expected.put("timestamp", AT_14_51_00_3);
    expected.put("start_time_unix_nano", NANOS_14_51_00_3);
    expected.put("time_unix_nano", NANOS_14_51_00_3);
    expected.put("metric_name", name);
    expected.put("metric_description", description);
    expected.put("metric_unit", "1");
    expected.put("metric_metadata", Map.of());
    expected.put("attributes", Map.of(attribute, "some value"));
    expected.put("flags", 0);
    expected.put("exemplars", List.of());
    return expected;
  }

  @ParameterizedTest
  @MethodSource("encodings")
  void metricsSampleFillsFourTablesOneRowEach(Encoding encoding) throws Exception {
    TableRows rows = DECODER.decode(Signal.METRICS, bytes("metrics.json", encoding));

    assertThat(rows.asMap().keySet())
        .containsExactly(
            "metrics_gauge", "metrics_sum", "metrics_histogram", "metrics_exponential_histogram");
    assertThat(rows.count()).isEqualTo(4);

    Map<String, Object> sum = metric("my.counter", "I am a Counter", "my.counter.attr");
    sum.put("value", 5.0);
    sum.put("value_int", null);
    sum.put("aggregation_temporality", 1);
    sum.put("is_monotonic", true);
    assertRow(OtlpTable.METRICS_SUM, rows.rows(OtlpTable.METRICS_SUM).get(0), sum);

    Map<String, Object> gauge = metric("my.gauge", "I am a Gauge", "my.gauge.attr");
    gauge.put("start_time_unix_nano", 0L); // the sample's gauge has no start time
    gauge.put("value", 10.0);
    gauge.put("value_int", null);
    assertRow(OtlpTable.METRICS_GAUGE, rows.rows(OtlpTable.METRICS_GAUGE).get(0), gauge);

    Map<String, Object> histogram = metric("my.histogram", "I am a Histogram", "my.histogram.attr");
    histogram.put("count", 2L);
    histogram.put("sum", 2.0);
    histogram.put("min", 0.0);
    histogram.put("max", 2.0);
    histogram.put("bucket_counts", List.of(1L, 1L));
    histogram.put("explicit_bounds", List.of(1.0));
    histogram.put("aggregation_temporality", 1);
    assertRow(
        OtlpTable.METRICS_HISTOGRAM, rows.rows(OtlpTable.METRICS_HISTOGRAM).get(0), histogram);

    Map<String, Object> exponential =
        metric(
            "my.exponential.histogram",
            "I am an Exponential Histogram",
            "my.exponential.histogram.attr");
    exponential.put("count", 3L);
    exponential.put("sum", 10.0);
    exponential.put("min", 0.0);
    exponential.put("max", 5.0);
    exponential.put("scale", 0);
    exponential.put("zero_count", 1L);
    exponential.put("zero_threshold", 0.0);
    exponential.put("positive_offset", 1);
    exponential.put("positive_bucket_counts", List.of(0L, 2L));
    exponential.put("negative_offset", 0);
    exponential.put("negative_bucket_counts", List.of());
    exponential.put("aggregation_temporality", 1);
    assertRow(
        OtlpTable.METRICS_EXPONENTIAL_HISTOGRAM,
        rows.rows(OtlpTable.METRICS_EXPONENTIAL_HISTOGRAM).get(0),
        exponential);
  }
}
