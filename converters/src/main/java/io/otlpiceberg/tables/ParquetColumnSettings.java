package io.otlpiceberg.tables;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types.NestedField;

/**
 * Per-column Parquet settings fitted to the shape of OTLP, derived from a table's schema and set as
 * table properties when the table is created. Each rule was measured with the write-path benchmark
 * (benchmarks/README.md) for write time, bytes per row and a day-filtered read.
 *
 * <ul>
 *   <li><b>No dictionary where every row has its own value</b>: ids ({@code trace_id}, {@code
 *       span_id}, {@code parent_span_id}, at any depth) and instants ({@code timestamp}, {@code
 *       *_unix_nano}, {@code duration_ns}). Parquet would fill a dictionary page only to give it
 *       up; plain values cost the same bytes and no hashing.
 *   <li><b>No dictionary for the resource's and the scope's attributes</b>: every row under a
 *       resource repeats the same map, which zstd compresses as well as dictionary indices would,
 *       without a hash lookup per key and value per row.
 *   <li><b>No Parquet statistics inside maps and lists</b>: min/max of a page of attribute keys or
 *       values, event names or bucket counts prunes nothing, and Iceberg keeps no bounds for them;
 *       computing them costs a comparison per value.
 *   <li><b>No statistics on ids</b> either: random, so the min and max of any file or page span
 *       nearly the whole range and prune nothing; a trace is found by its bloom filter. Without
 *       them the traces write path runs 6–8 % faster at the same bytes (logs: within the noise).
 *   <li><b>A bloom filter on a top-level {@code trace_id}</b> (traces, logs), sized to the ids a
 *       file holds ({@code adaptive}): ids are random, so min/max ranges span nearly every file and
 *       a lookup of one trace would read the column in all of them; the filter answers "not here"
 *       for almost every file from a few KB.
 * </ul>
 *
 * Dictionaries stay where values repeat: service, span and metric names, attribute keys and values,
 * severities, kinds, status codes. Columns are named as Iceberg names them ({@code attributes.key},
 * {@code events.element.name}), which is how Iceberg looks these properties up; Iceberg skips a
 * property whose column a table does not have.
 */
public final class ParquetColumnSettings {
  static final String DICTIONARY = "write.parquet.dict-encoding-enabled.column.";
  static final String STATISTICS = "write.parquet.stats-enabled.column.";
  static final String BLOOM_FILTER = "write.parquet.bloom-filter-enabled.column.";
  static final String ADAPTIVE_BLOOM_FILTERS = "write.parquet.bloom-filter-adaptive-enabled";
  private static final String LOOKED_UP_ID = "trace_id";

  private static final Set<String> IDS = Set.of("trace_id", "span_id", "parent_span_id");
  private static final Set<String> SOURCE_ATTRIBUTES =
      Set.of("resource_attributes", "scope_attributes");

  private ParquetColumnSettings() {}

  /** The properties for a table of this schema, sorted by name. */
  public static Map<String, String> of(Schema schema) {
    Map<String, String> properties = new TreeMap<>();
    for (int id : TypeUtil.indexById(schema.asStruct()).keySet()) {
      NestedField field = schema.findField(id);
      if (!field.type().isPrimitiveType()) {
        continue;
      }
      String column = schema.findColumnName(id);
      boolean nested = column.contains(".");
      boolean inMapOrList = nested && isRepeated(schema, column);
      if (everyRowItsOwn(field) || SOURCE_ATTRIBUTES.contains(topLevel(column))) {
        properties.put(DICTIONARY + column, "false");
      }
      if (inMapOrList || isId(field)) {
        properties.put(STATISTICS + column, "false");
      }
      if (column.equals(LOOKED_UP_ID)) {
        properties.put(BLOOM_FILTER + column, "true");
        // Without it Parquet gives each filter its maximum size, 1 MiB, whatever the file holds.
        properties.put(ADAPTIVE_BLOOM_FILTERS, "true");
      }
    }
    return properties;
  }

  private static boolean isId(NestedField field) {
    return field.type().typeId() == Type.TypeID.STRING && IDS.contains(field.name());
  }

  private static boolean everyRowItsOwn(NestedField field) {
    String name = field.name();
    Type.TypeID type = field.type().typeId();
    return isId(field)
        || type == Type.TypeID.TIMESTAMP
        || (type == Type.TypeID.LONG
            && (name.endsWith("_unix_nano") || name.equals("duration_ns")));
  }

  /** Whether some column on the way down to this one is a map or a list. */
  private static boolean isRepeated(Schema schema, String column) {
    String[] parts = column.split("\\.");
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      if (i > 0) {
        path.append('.');
      }
      path.append(parts[i]);
      NestedField ancestor = schema.findField(path.toString());
      if (ancestor != null && (ancestor.type().isMapType() || ancestor.type().isListType())) {
        return true;
      }
    }
    return false;
  }

  private static String topLevel(String column) {
    int dot = column.indexOf('.');
    return dot < 0 ? column : column.substring(0, dot);
  }
}
