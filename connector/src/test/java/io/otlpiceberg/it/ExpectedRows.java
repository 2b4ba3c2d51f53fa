package io.otlpiceberg.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.otlpiceberg.converter.OtlpConverter;
import io.otlpiceberg.stack.Poll;
import io.otlpiceberg.tables.OtlpTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;

/**
 * What each table must hold after given records: the rows the converter decodes from the same
 * bytes, in the test JVM. Comparing them with the rows read back proves the connector path (fan
 * out, routing, Parquet, commit) keeps every column of every row.
 */
public final class ExpectedRows {
  private final OtlpConverter converter = new OtlpConverter();
  private final Map<String, List<Map<String, Object>>> byTable = new HashMap<>();

  public ExpectedRows(Map<String, String> converterConfig) {
    converter.configure(converterConfig, false);
  }

  /** Records the rows of one record value produced to the topic. */
  public void produced(String topic, byte[] value) {
    Object decoded = converter.toConnectData(topic, value).value();
    ((Map<?, ?>) decoded)
        .forEach(
            (table, rows) -> {
              List<Map<String, Object>> list =
                  byTable.computeIfAbsent((String) table, t -> new ArrayList<>());
              for (Object row : (List<?>) rows) {
                @SuppressWarnings("unchecked")
                Map<String, Object> normalized = (Map<String, Object>) Tables.normalize(row);
                list.add(normalized);
              }
            });
  }

  public List<Map<String, Object>> rows(String table) {
    return byTable.getOrDefault(table, List.of());
  }

  public int count(String table) {
    return rows(table).size();
  }

  /**
   * Waits until every table holds its expected number of rows (at least one each), then compares
   * them all with {@link #assertHeldBy}.
   */
  void awaitEveryTable(Catalog catalog, String namespace, Duration wait) throws Exception {
    for (OtlpTable table : OtlpTable.values()) {
      int want = count(table.tableName());
      assertThat(want).as("rows expected in %s", table.tableName()).isPositive();
      Poll.until(
          want + " rows in " + namespace + "." + table.tableName(),
          wait,
          () -> Tables.count(catalog, namespace, table.tableName()),
          n -> n >= want);
    }
    for (OtlpTable table : OtlpTable.values()) {
      assertHeldBy(table.tableName(), Tables.rows(catalog, namespace, table.tableName()));
    }
  }

  /** Every expected row of the table, column by column, and nothing else, in any order. */
  public void assertHeldBy(String table, List<Map<String, Object>> actual) {
    Comparator<Map<String, Object>> order = Comparator.comparing(Object::toString);
    List<Map<String, Object>> a = new ArrayList<>(actual);
    List<Map<String, Object>> e = new ArrayList<>(rows(table));
    a.sort(order);
    e.sort(order);
    assertThat(a).as("rows of %s", table).hasSameSizeAs(e);
    for (int i = 0; i < e.size(); i++) {
      for (Map.Entry<String, Object> column : e.get(i).entrySet()) {
        assertThat(a.get(i).get(column.getKey()))
            .as("%s row %d column %s", table, i, column.getKey())
            .isEqualTo(column.getValue());
      }
      assertThat(a.get(i).keySet()).as("%s columns", table).isEqualTo(e.get(i).keySet());
    }
  }
}
