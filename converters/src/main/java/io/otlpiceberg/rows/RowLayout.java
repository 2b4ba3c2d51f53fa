package io.otlpiceberg.rows;

import io.otlpiceberg.tables.OtlpTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.types.Types;

/** The column names of one table (or nested struct), in order, shared by all its rows. */
public final class RowLayout {
  private final String[] names;
  private final Map<String, Integer> positions;

  private RowLayout(List<Types.NestedField> fields) {
    names = new String[fields.size()];
    positions = new HashMap<>(fields.size() * 2);
    for (int i = 0; i < names.length; i++) {
      names[i] = fields.get(i).name();
      positions.put(names[i], i);
    }
  }

  public static RowLayout of(Types.StructType struct) {
    return new RowLayout(struct.fields());
  }

  /** The layout of a table's rows. */
  static RowLayout of(OtlpTable table) {
    return of(table.schema().asStruct());
  }

  /** The layout of the structs in one of a table's list columns, e.g. {@code events}. */
  static RowLayout ofListElement(OtlpTable table, String listColumn) {
    return of(
        table.schema().findField(listColumn).type().asListType().elementType().asStructType());
  }

  public int size() {
    return names.length;
  }

  public String name(int position) {
    return names[position];
  }

  /** The position of a column, or -1. */
  public int position(Object name) {
    Integer position = positions.get(name);
    return position == null ? -1 : position;
  }
}
