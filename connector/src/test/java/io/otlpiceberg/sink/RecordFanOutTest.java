package io.otlpiceberg.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RecordFanOutTest {
  private static final String ROUTE = "_route";
  private final RecordFanOut fanOut =
      new RecordFanOut(ROUTE, Map.of("traces", "otel.traces", "metrics_sum", "otel.metrics_sum"));

  @Test
  void eachRowBecomesOneRecordRoutedToItsTableWithTheSourcePosition() {
    Map<String, Object> span1 = row("name", "a");
    Map<String, Object> span2 = row("name", "b");
    Map<String, Object> point = row("metric_name", "m");
    Map<String, List<Map<String, Object>>> value = new LinkedHashMap<>();
    value.put("traces", List.of(span1, span2));
    value.put("metrics_sum", List.of(point));
    SinkRecord record = record("otlp_spans", 3, 42L, value);

    List<SinkRecord> out = fanOut.fanOut(List.of(record));

    assertThat(out).hasSize(3);
    assertThat(out).allSatisfy(r -> {
      assertThat(r.topic()).isEqualTo("otlp_spans");
      assertThat(r.kafkaPartition()).isEqualTo(3);
      assertThat(r.kafkaOffset()).isEqualTo(42L);
      assertThat(r.originalTopic()).isEqualTo("otlp_spans");
      assertThat(r.originalKafkaPartition()).isEqualTo(3);
      assertThat(r.originalKafkaOffset()).isEqualTo(42L);
      assertThat(r.timestamp()).isEqualTo(1_000L);
      assertThat(r.headers()).isSameAs(record.headers());
      assertThat(r.valueSchema()).isNull();
    });
    assertThat(routes(out)).containsExactly("otel.traces", "otel.traces", "otel.metrics_sum");
    assertThat(((RoutedRow) out.get(0).value()).row()).isSameAs(span1);
    assertThat(((RoutedRow) out.get(1).value()).row()).isSameAs(span2);
    assertThat(((RoutedRow) out.get(2).value()).row()).isSameAs(point);
  }

  @Test
  void rowsOfEachRecordStayTogetherInRecordOrder() {
    SinkRecord first = record("t", 0, 1L, Map.of("traces", List.of(row("n", 1), row("n", 2))));
    SinkRecord second = record("t", 0, 2L, Map.of("traces", List.of(row("n", 3))));

    List<SinkRecord> out = fanOut.fanOut(List.of(first, second));

    assertThat(out).extracting(SinkRecord::kafkaOffset).containsExactly(1L, 1L, 2L);
    assertThat(out).extracting(r -> (Object) ((Map<?, ?>) r.value()).get("n")).containsExactly(1, 2, 3);
  }

  @Test
  void recordWithoutRowsStillAdvancesItsOffsetAsOneNullValueRecord() {
    SinkRecord empty = record("otlp_logs", 1, 7L, Map.of());
    SinkRecord emptyLists = record("otlp_logs", 1, 8L, Map.of("traces", List.of()));

    List<SinkRecord> out = fanOut.fanOut(List.of(empty, emptyLists));

    assertThat(out).hasSize(2);
    assertThat(out).extracting(SinkRecord::kafkaOffset).containsExactly(7L, 8L);
    assertThat(out).allSatisfy(r -> assertThat(r.value()).isNull());
  }

  @Test
  void tombstonePassesThroughUnchanged() {
    SinkRecord tombstone = record("otlp_spans", 0, 5L, null);

    assertThat(fanOut.fanOut(List.of(tombstone))).containsExactly(tombstone);
  }

  @Test
  void rowsForAnUnknownTableAreRefusedNamingTheRecord() {
    SinkRecord record = record("otlp_spans", 2, 9L, Map.of("spans", List.of(row("n", 1))));

    assertThatThrownBy(() -> fanOut.fanOut(List.of(record)))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("topic otlp_spans, partition 2, offset 9")
        .hasMessageContaining("unknown table 'spans'");
  }

  @Test
  void valueNotDecodedByOurConverterNamesTheConverterToSet() {
    SinkRecord record = record("otlp_spans", 0, 4L, new byte[] {1, 2});

    assertThatThrownBy(() -> fanOut.fanOut(List.of(record)))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("topic otlp_spans, partition 0, offset 4")
        .hasMessageContaining("value.converter=io.otlpiceberg.converter.OtlpConverter");
  }

  @Test
  void routeFieldIsReadableButNeverIteratedAsAColumn() {
    Map<String, Object> row = row("service_name", "checkout");
    RoutedRow routed = new RoutedRow(row, ROUTE, "otel.traces");

    assertThat(routed.get(ROUTE)).isEqualTo("otel.traces");
    assertThat(routed.get("service_name")).isEqualTo("checkout");
    Map<String, Object> iterated = new HashMap<>();
    routed.forEach(iterated::put);
    assertThat(iterated).containsOnlyKeys("service_name");
    assertThat(routed.entrySet()).extracting(Map.Entry::getKey).containsOnly("service_name");
  }

  private static List<String> routes(List<SinkRecord> records) {
    List<String> routes = new ArrayList<>();
    for (SinkRecord r : records) {
      routes.add((String) ((Map<?, ?>) r.value()).get(ROUTE));
    }
    return routes;
  }

  private static Map<String, Object> row(String column, Object value) {
    Map<String, Object> row = new HashMap<>();
    row.put(column, value);
    return row;
  }

  private static SinkRecord record(String topic, int partition, long offset, Object value) {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("h", "v");
    return new SinkRecord(topic, partition, null, null, null, value, offset, 1_000L,
        TimestampType.CREATE_TIME, headers);
  }
}
