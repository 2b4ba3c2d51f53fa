package io.otlpiceberg.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ParquetColumnSettingsTest {
  private static final String DICTIONARY = ParquetColumnSettings.DICTIONARY;
  private static final String STATISTICS = ParquetColumnSettings.STATISTICS;
  private static final String BLOOM = ParquetColumnSettings.BLOOM_FILTER;
  private static final String ADAPTIVE = ParquetColumnSettings.ADAPTIVE_BLOOM_FILTERS;

  @Test
  void everySettingNamesAColumnOfItsTableAndOnlyTurnsSomethingOffOrAFilterOn() {
    for (OtlpTable table : OtlpTable.values()) {
      Map<String, String> settings = ParquetColumnSettings.of(table.schema());
      assertThat(settings).as(table.tableName()).isNotEmpty();
      settings.forEach(
          (key, value) -> {
            if (key.equals(ADAPTIVE)) {
              assertThat(settings).as(table.tableName()).containsKey(BLOOM + "trace_id");
              assertThat(value).isEqualTo("true");
              return;
            }
            String prefix =
                Stream.of(DICTIONARY, STATISTICS, BLOOM)
                    .filter(key::startsWith)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("unknown setting " + key));
            String column = key.substring(prefix.length());
            assertThat(table.schema().findField(column))
                .as(table.tableName() + ": " + key)
                .isNotNull();
            assertThat(value).isEqualTo(prefix.equals(BLOOM) ? "true" : "false");
          });
    }
  }

  /** The one lookup every trace question starts with; exemplars' trace ids are never looked up. */
  @Test
  void bloomFiltersOnlyOnATopLevelTraceIdSizedToTheFile() {
    for (OtlpTable table : OtlpTable.values()) {
      Map<String, String> settings = ParquetColumnSettings.of(table.schema());
      boolean looked = table == OtlpTable.TRACES || table == OtlpTable.LOGS;
      assertThat(settings.keySet())
          .as(table.tableName())
          .filteredOn(k -> k.startsWith(BLOOM))
          .containsExactlyElementsOf(looked ? List.of(BLOOM + "trace_id") : List.of());
      assertThat(settings.containsKey(ADAPTIVE)).as(table.tableName()).isEqualTo(looked);
    }
  }

  @Test
  void idsAndInstantsHaveNoDictionaryWhileRepeatingValuesKeepIt() {
    Map<String, String> traces = ParquetColumnSettings.of(OtlpTable.TRACES.schema());
    assertThat(traces)
        .containsKeys(
            DICTIONARY + "trace_id",
            DICTIONARY + "span_id",
            DICTIONARY + "parent_span_id",
            DICTIONARY + "timestamp",
            DICTIONARY + "start_time_unix_nano",
            DICTIONARY + "duration_ns",
            DICTIONARY + "links.element.trace_id",
            DICTIONARY + "events.element.time_unix_nano",
            DICTIONARY + "resource_attributes.value",
            DICTIONARY + "scope_attributes.key");
    assertThat(traces)
        .doesNotContainKeys(
            DICTIONARY + "name",
            DICTIONARY + "service_name",
            DICTIONARY + "attributes.key",
            DICTIONARY + "attributes.value",
            DICTIONARY + "events.element.name",
            DICTIONARY + "flags");
    assertThat(ParquetColumnSettings.of(OtlpTable.METRICS_SUM.schema()))
        .containsKeys(
            DICTIONARY + "exemplars.element.time_unix_nano",
            DICTIONARY + "exemplars.element.trace_id")
        .doesNotContainKeys(DICTIONARY + "value", DICTIONARY + "metric_name");
  }

  @Test
  void statisticsOnlyAtTheTopLevelAndNotOnIds() {
    Map<String, String> histogram = ParquetColumnSettings.of(OtlpTable.METRICS_HISTOGRAM.schema());
    assertThat(histogram)
        .containsKeys(
            STATISTICS + "attributes.key",
            STATISTICS + "bucket_counts.element",
            STATISTICS + "exemplars.element.value");
    assertThat(histogram.keySet())
        .filteredOn(k -> k.startsWith(STATISTICS))
        .allSatisfy(k -> assertThat(k.substring(STATISTICS.length())).contains("."));
    Map<String, String> traces = ParquetColumnSettings.of(OtlpTable.TRACES.schema());
    assertThat(traces.keySet())
        .filteredOn(
            k -> k.startsWith(STATISTICS) && !k.substring(STATISTICS.length()).contains("."))
        .containsExactlyInAnyOrder(
            STATISTICS + "trace_id", STATISTICS + "span_id", STATISTICS + "parent_span_id");
    // What a day-filtered or service-filtered query prunes by keeps its statistics.
    assertThat(traces)
        .doesNotContainKeys(
            STATISTICS + "timestamp", STATISTICS + "service_name", STATISTICS + "name");
  }

  @Test
  void tablePropertiesAreTheCommonOnesAndTheTablesColumnSettings() {
    Map<String, String> properties = OtlpTable.LOGS.tableProperties();
    assertThat(properties)
        .containsAllEntriesOf(OtlpTable.TABLE_PROPERTIES)
        .containsAllEntriesOf(ParquetColumnSettings.of(OtlpTable.LOGS.schema()))
        .containsEntry(DICTIONARY + "observed_time_unix_nano", "false")
        .containsEntry("write.parquet.compression-level", "1")
        .doesNotContainKey(DICTIONARY + "body");
  }

  @Test
  void theSqlForExistingTablesSetsEveryWritePropertyAndNothingElse() {
    String sql = TablePropertiesSql.statement("telemetry", OtlpTable.METRICS_SUMMARY);
    assertThat(sql)
        .startsWith("ALTER TABLE telemetry.metrics_summary SET TBLPROPERTIES (\n")
        .endsWith(");");
    Map<String, String> parsed = new java.util.TreeMap<>();
    java.util.regex.Matcher pair =
        java.util.regex.Pattern.compile("'([^']+)' = '([^']*)'").matcher(sql);
    while (pair.find()) {
      parsed.put(pair.group(1), pair.group(2));
    }
    Map<String, String> expected =
        new java.util.TreeMap<>(OtlpTable.METRICS_SUMMARY.tableProperties());
    expected.remove("format-version");
    assertThat(parsed).isEqualTo(expected).containsKey("write.parquet.compression-codec");
  }
}
