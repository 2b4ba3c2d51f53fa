package io.otlpiceberg.promote;

import io.otlpiceberg.tables.OtlpTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * The attributes promoted to columns of their own, per table ({@code otlp.promote.<table>}), and
 * the table schemas they make: the connector's schema with one optional column per promoted
 * attribute after it.
 */
public final class Promotions {
  public static final Promotions NONE = new Promotions(new EnumMap<>(OtlpTable.class));

  private final Map<OtlpTable, List<PromotedColumn>> byTable;

  private Promotions(Map<OtlpTable, List<PromotedColumn>> byTable) {
    this.byTable = byTable;
  }

  /**
   * @param entries each table's config entries ({@link PromotedColumn} says how one reads)
   * @throws IllegalArgumentException for the first entry that is wrong, saying what to write
   */
  public static Promotions parse(Function<OtlpTable, List<String>> entries) {
    Map<OtlpTable, List<PromotedColumn>> byTable = new EnumMap<>(OtlpTable.class);
    for (OtlpTable table : OtlpTable.values()) {
      List<PromotedColumn> columns = parse(table, entries.apply(table));
      if (!columns.isEmpty()) {
        byTable.put(table, columns);
      }
    }
    return new Promotions(byTable);
  }

  /** One table's entries, checked against its columns and each other. */
  public static List<PromotedColumn> parse(OtlpTable table, List<String> entries) {
    Map<String, PromotedColumn> byColumn = new LinkedHashMap<>();
    for (String entry : entries == null ? List.<String>of() : entries) {
      if (entry.isBlank()) {
        continue;
      }
      PromotedColumn column = PromotedColumn.parse(table, entry);
      if (table.schema().findField(column.column()) != null) {
        throw new IllegalArgumentException(
            "'"
                + entry
                + "': "
                + table.tableName()
                + " already has a column "
                + column.column()
                + "; name the promoted one, e.g. "
                + column.source().replace("_attributes", "")
                + "_"
                + column.column()
                + "="
                + column.source()
                + "."
                + column.key()
                + ":"
                + column.type().label());
      }
      PromotedColumn earlier = byColumn.putIfAbsent(column.column(), column);
      if (earlier != null) {
        throw new IllegalArgumentException(
            "'"
                + entry
                + "' and '"
                + earlier.entry()
                + "' both make column "
                + column.column()
                + "; name one of them, e.g. other_"
                + column.column()
                + "="
                + column.source()
                + "."
                + column.key());
      }
    }
    return Collections.unmodifiableList(new ArrayList<>(byColumn.values()));
  }

  /** The table's top-level {@code map<string,string>} columns: where attributes live. */
  public static List<String> mapColumns(OtlpTable table) {
    return PromotedColumn.mapColumns(table);
  }

  public List<PromotedColumn> of(OtlpTable table) {
    return byTable.getOrDefault(table, List.of());
  }

  /** The table's schema with its promoted columns: what the connector creates and evolves. */
  public Schema schema(OtlpTable table) {
    Schema base = table.schema();
    List<PromotedColumn> promoted = of(table);
    if (promoted.isEmpty()) {
      return base;
    }
    List<Types.NestedField> columns = new ArrayList<>(base.columns());
    int id = base.highestFieldId();
    for (PromotedColumn column : promoted) {
      columns.add(
          Types.NestedField.optional(
              ++id,
              column.column(),
              column.type().icebergType(),
              "attribute "
                  + column.key()
                  + " of "
                  + column.source()
                  + ", as "
                  + column.type().label()));
    }
    return new Schema(columns);
  }
}
