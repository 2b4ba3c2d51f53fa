package io.otlpiceberg.promote;

import io.otlpiceberg.tables.OtlpTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * One attribute promoted to a top-level column of its own, e.g. {@code http_route} from {@code
 * attributes['http.route']}, so a filter on it reads one column instead of the whole map and
 * compares typed values. The value stays in its map too.
 *
 * <p>A config entry reads {@code [<column>=]<map column>.<attribute key>[:<type>]}, e.g. {@code
 * attributes.http.route}, {@code attributes.http.response.status_code:long}, {@code
 * namespace=resource_attributes.k8s.namespace.name}. The map column is one of the table's top-level
 * {@code map<string,string>} columns; the type is string unless given; the column is the key in
 * snake_case unless named.
 *
 * @param source the map column the value is read from, e.g. {@code resource_attributes}
 */
public record PromotedColumn(String column, String source, String key, PromotedType type) {
  private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final Pattern NOT_SNAKE = Pattern.compile("[^a-z0-9_]");

  /** The value of the row's attribute as this column's type, or null where it does not convert. */
  public Object convert(String value) {
    return type.convert(value);
  }

  /** How a config entry writes this column, e.g. {@code attributes.http.route:string}. */
  public String entry() {
    String plain = source + "." + key + ":" + type.label();
    return column.equals(snakeCase(key)) ? plain : column + "=" + plain;
  }

  /**
   * Reads one config entry for the table.
   *
   * @throws IllegalArgumentException saying what to write instead
   */
  static PromotedColumn parse(OtlpTable table, String entry) {
    String rest = entry.trim();
    String column = null;
    int equals = rest.indexOf('=');
    if (equals >= 0) {
      column = rest.substring(0, equals).trim();
      rest = rest.substring(equals + 1).trim();
      if (!COLUMN.matcher(column).matches()) {
        throw new IllegalArgumentException(
            "'"
                + entry
                + "': the column name '"
                + column
                + "' is not lower-case letters, digits and _ (starting with a letter or _);"
                + " write e.g. http_route=attributes.http.route");
      }
    }
    PromotedType type = PromotedType.STRING;
    int colon = rest.lastIndexOf(':');
    if (colon >= 0) {
      String label = rest.substring(colon + 1).trim();
      type = PromotedType.named(label);
      if (type == null) {
        throw new IllegalArgumentException(
            "'"
                + entry
                + "': unknown type '"
                + label
                + "'; write string, long, double or boolean after the ':', e.g."
                + " attributes.http.response.status_code:long");
      }
      rest = rest.substring(0, colon).trim();
    }
    String source = null;
    for (String map : mapColumns(table)) {
      if (rest.startsWith(map + ".")
          && rest.length() > map.length() + 1
          && (source == null || map.length() > source.length())) {
        source = map;
      }
    }
    if (source == null) {
      throw new IllegalArgumentException(
          "'"
              + entry
              + "': write <map column>.<attribute key>,"
              + " where the map column is one of "
              + table.tableName()
              + "'s "
              + mapColumns(table)
              + ", e.g. attributes.http.route or resource_attributes.k8s.namespace.name");
    }
    String key = rest.substring(source.length() + 1);
    if (column == null) {
      column = snakeCase(key);
      if (!COLUMN.matcher(column).matches()) {
        throw new IllegalArgumentException(
            "'"
                + entry
                + "': the attribute key does not make a"
                + " column name; name the column, e.g. my_column="
                + rest);
      }
    }
    return new PromotedColumn(column, source, key, type);
  }

  /** {@code http.response.status_code} -> {@code http_response_status_code}. */
  static String snakeCase(String key) {
    return NOT_SNAKE.matcher(key.toLowerCase(Locale.ROOT)).replaceAll("_");
  }

  /** The table's top-level {@code map<string,string>} columns: where attributes live. */
  public static List<String> mapColumns(OtlpTable table) {
    List<String> maps = new ArrayList<>();
    for (Types.NestedField field : table.schema().columns()) {
      Type type = field.type();
      if (type.isMapType()
          && type.asMapType().keyType().equals(Types.StringType.get())
          && type.asMapType().valueType().equals(Types.StringType.get())) {
        maps.add(field.name());
      }
    }
    return maps;
  }
}
