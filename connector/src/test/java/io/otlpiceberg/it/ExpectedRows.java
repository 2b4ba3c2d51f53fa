package io.otlpiceberg.it;

import io.otlpiceberg.converter.OtlpConverter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each table must hold after given records: the rows the converter decodes from the same
 * bytes, in the test JVM. Comparing them with the rows read back proves the connector path (fan
 * out, routing, Parquet, commit) keeps every column of every row.
 */
final class ExpectedRows {
  private final OtlpConverter converter = new OtlpConverter();
  private final Map<String, List<Map<String, Object>>> byTable = new HashMap<>();

  ExpectedRows(Map<String, String> converterConfig) {
    converter.configure(converterConfig, false);
  }

  /** Records the rows of one record value produced to the topic. */
  void produced(String topic, byte[] value) {
    Object decoded = converter.toConnectData(topic, value).value();
    ((Map<?, ?>) decoded).forEach((table, rows) -> {
      List<Map<String, Object>> list = byTable.computeIfAbsent((String) table,
          t -> new ArrayList<>());
      for (Object row : (List<?>) rows) {
        @SuppressWarnings("unchecked")
        Map<String, Object> normalized = (Map<String, Object>) Tables.normalize(row);
        list.add(normalized);
      }
    });
  }

  List<Map<String, Object>> rows(String table) {
    return byTable.getOrDefault(table, List.of());
  }

  int count(String table) {
    return rows(table).size();
  }
}
