package io.otlpiceberg.fieldhomes;

import io.otlpiceberg.rows.TableRows;
import io.otlpiceberg.tables.OtlpTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The values a column path ({@code trace_id}, {@code events.element.name}) holds in a table's rows,
 * read from the rows the converter hands to the sink, and which columns differ between two sets of
 * rows. Maps and lists of numbers are compared whole.
 */
final class ColumnValues {
  private ColumnValues() {}

  static List<Object> of(List<Map<String, Object>> rows, String path) {
    List<Object> values = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      collect(row, path.split("\\."), 0, values);
    }
    return values;
  }

  /** The leaf columns whose values differ between the two requests' rows. */
  static List<String> changed(OtlpTable table, TableRows before, TableRows after) {
    List<String> changed = new ArrayList<>();
    for (String column : paths(table)) {
      if (!Objects.equals(of(before.rows(table), column), of(after.rows(table), column))) {
        changed.add(column);
      }
    }
    return changed;
  }

  /** Every column by Iceberg's name, each field of a list's elements too. */
  static List<String> paths(OtlpTable table) {
    List<String> names = new ArrayList<>();
    addLeaves(table.schema().asStruct(), "", names);
    return names;
  }

  private static void addLeaves(Types.StructType struct, String prefix, List<String> names) {
    for (Types.NestedField field : struct.fields()) {
      Type type = field.type();
      if (type.isListType() && type.asListType().elementType().isStructType()) {
        addLeaves(
            type.asListType().elementType().asStructType(),
            prefix + field.name() + ".element.",
            names);
      } else {
        names.add(prefix + field.name());
      }
    }
  }

  private static void collect(Object value, String[] names, int index, List<Object> values) {
    if (index == names.length || value == null) {
      values.add(value);
    } else if (names[index].equals("element")) {
      for (Object element : (List<?>) value) {
        collect(element, names, index + 1, values);
      }
    } else {
      collect(((Map<?, ?>) value).get(names[index]), names, index + 1, values);
    }
  }
}
