package io.otlpiceberg.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.otlpiceberg.config.OtlpSinkConfig;
import io.otlpiceberg.converter.OtlpConverter;
import io.otlpiceberg.tables.OtlpTable;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** The converter's output, as it comes, fans out into rows the sink can route. */
class ConverterFanOutTest {
  private final OtlpConverter converter = new OtlpConverter();
  private final RecordFanOut fanOut;

  ConverterFanOutTest() {
    converter.configure(Map.of(), false);
    OtlpSinkConfig config = new OtlpSinkConfig(OtlpSinkConfig.resolve(Map.of(
        "name", "t", "iceberg.catalog.type", "rest", "iceberg.catalog.uri", "http://x")));
    Map<String, String> routes = new HashMap<>();
    for (OtlpTable table : OtlpTable.values()) {
      routes.put(table.tableName(), config.routeValue(table));
    }
    fanOut = new RecordFanOut(OtlpSinkConfig.ROUTE_FIELD, routes);
  }

  @Test
  void sampleMetricsFanOutOneRecordPerDataPointRoutedToEachMetricTable() throws IOException {
    List<SinkRecord> out = fanOut.fanOut(List.of(decoded("otlp_metrics", "metrics.json")));

    assertThat(out).extracting(r -> (Object) ((Map<?, ?>) r.value()).get(OtlpSinkConfig.ROUTE_FIELD))
        .contains("otel.metrics_sum", "otel.metrics_gauge", "otel.metrics_histogram",
            "otel.metrics_exponential_histogram")
        .doesNotContain("otel.metrics_summary");
    assertThat(out).allSatisfy(r -> assertThat(r.kafkaOffset()).isEqualTo(11L));
  }

  @Test
  void sampleSpanIsOneRowCarryingItsColumns() throws IOException {
    List<SinkRecord> out = fanOut.fanOut(List.of(decoded("otlp_spans", "trace.json")));

    assertThat(out).singleElement().satisfies(r -> {
      Map<?, ?> row = (Map<?, ?>) r.value();
      assertThat(row.get(OtlpSinkConfig.ROUTE_FIELD)).isEqualTo("otel.traces");
      assertThat(row.get("trace_id")).isEqualTo("5b8efff798038103d269b633813fc60c");
      assertThat(row.get("service_name")).isEqualTo("my.service");
    });
  }

  private SinkRecord decoded(String topic, String sample) throws IOException {
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream("/samples/" + sample)) {
      bytes = in.readAllBytes();
    }
    SchemaAndValue value = converter.toConnectData(topic, bytes);
    return new SinkRecord(topic, 0, null, null, value.schema(), value.value(), 11L, 5L,
        TimestampType.CREATE_TIME);
  }
}
