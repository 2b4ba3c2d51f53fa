package io.otlpiceberg.it;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/** Reads tables back through the catalog, as plain comparable values. */
public final class Tables {
  private Tables() {}

  static Table load(Catalog catalog, String namespace, String table) {
    return catalog.loadTable(TableIdentifier.of(namespace, table));
  }

  /** Every row of the table's current snapshot, each as column name -> normalized value. */
  public static List<Map<String, Object>> rows(Catalog catalog, String namespace, String table)
      throws IOException {
    Table t = load(catalog, namespace, table);
    t.refresh();
    return rows(t);
  }

  /** Every row of this table's current snapshot, as {@link #rows(Catalog, String, String)}. */
  public static List<Map<String, Object>> rows(Table t) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    if (t.currentSnapshot() == null) {
      return rows;
    }
    try (CloseableIterable<Record> records = IcebergGenerics.read(t).build()) {
      for (Record record : records) {
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) normalize(record);
        rows.add(row);
      }
    }
    return rows;
  }

  static long count(Catalog catalog, String namespace, String table) throws IOException {
    return rows(catalog, namespace, table).size();
  }

  static List<Snapshot> snapshots(Catalog catalog, String namespace, String table) {
    Table t = load(catalog, namespace, table);
    t.refresh();
    List<Snapshot> snapshots = new ArrayList<>();
    t.snapshots().forEach(snapshots::add);
    return snapshots;
  }

  /**
   * One form for what the converter produced and what Iceberg reads back: structs as maps by field
   * name, times as UTC instants, maps and lists element by element.
   */
  public static Object normalize(Object value) {
    if (value instanceof Record record) {
      Map<String, Object> map = new TreeMap<>();
      for (Types.NestedField field : record.struct().fields()) {
        map.put(field.name(), normalize(record.getField(field.name())));
      }
      return map;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), normalize(v)));
      return sorted;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(normalize(v)));
      return out;
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    return value;
  }
}
