package io.otlpiceberg.rows;

import io.otlpiceberg.tables.OtlpTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rows one export request holds, grouped by table. */
public final class TableRows {
  private static final OtlpTable[] TABLES = OtlpTable.values();

  @SuppressWarnings("unchecked")
  private final List<Map<String, Object>>[] byTable = new List[TABLES.length];

  private int count;

  void add(OtlpTable table, Row row) {
    List<Map<String, Object>> rows = byTable[table.ordinal()];
    if (rows == null) {
      rows = new ArrayList<>();
      byTable[table.ordinal()] = rows;
    }
    rows.add(row);
    count++;
  }

  public int count() {
    return count;
  }

  public List<Map<String, Object>> rows(OtlpTable table) {
    List<Map<String, Object>> rows = byTable[table.ordinal()];
    return rows == null ? Collections.emptyList() : rows;
  }

  /**
   * Table name ({@link OtlpTable#tableName()}) to its rows, in table order, only tables that have
   * rows: the value the converter hands to Kafka Connect.
   */
  public Map<String, List<Map<String, Object>>> asMap() {
    Map<String, List<Map<String, Object>>> map = new LinkedHashMap<>();
    for (OtlpTable table : TABLES) {
      List<Map<String, Object>> rows = byTable[table.ordinal()];
      if (rows != null) {
        map.put(table.tableName(), rows);
      }
    }
    return map;
  }
}
