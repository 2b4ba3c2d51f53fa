package io.otlpiceberg.catalog;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a table the columns of the connector's schema it lacks: a table an earlier version of the
 * connector created, or a user did. Additive only: a column is added (optional, at the end of its
 * struct), never dropped, renamed, moved or given another type, so every reader of the table and
 * every file already written keep their meaning. Matched by name at every level: top-level columns,
 * struct fields, the fields of structs in lists ({@code events.element}) and map values.
 *
 * <p>Tasks start together: a commit that loses to another task's is tried again on the table as it
 * is then, where the columns are usually there already.
 */
final class SchemaEvolution {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaEvolution.class);
  private static final int ATTEMPTS = 5;

  private SchemaEvolution() {}

  /**
   * @return the columns added, as dotted paths; empty when the table had them all
   */
  static List<String> addMissingColumns(Table table, Types.StructType wanted) {
    for (int attempt = 1; ; attempt++) {
      table.refresh();
      UpdateSchema update = table.updateSchema();
      List<String> added = new ArrayList<>();
      addMissing(update, null, table.schema().asStruct(), wanted, added);
      if (added.isEmpty()) {
        return added;
      }
      try {
        update.commit();
        LOG.info(
            "Added the columns {} to table {}, which lacked them (made by an earlier version"
                + " of the connector or by a user, or attributes newly promoted)",
            added,
            table.name());
        return added;
      } catch (CommitFailedException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        LOG.info(
            "Adding columns to {} raced another change ({}); trying again",
            table.name(),
            e.getMessage());
      }
    }
  }

  private static void addMissing(
      UpdateSchema update,
      String parent,
      Types.StructType have,
      Types.StructType want,
      List<String> added) {
    for (Types.NestedField field : want.fields()) {
      String path = parent == null ? field.name() : parent + "." + field.name();
      Types.NestedField existing = have.field(field.name());
      if (existing == null) {
        update.addColumn(parent, field.name(), field.type(), field.doc());
        added.add(path);
        continue;
      }
      Types.StructType haveStruct = struct(existing.type());
      Types.StructType wantStruct = struct(field.type());
      if (haveStruct != null && wantStruct != null) {
        // UpdateSchema takes a list's or map's column as the parent of its element's fields.
        addMissing(update, path, haveStruct, wantStruct, added);
      }
    }
  }

  /** The struct a column holds: itself, a list's elements or a map's values; null otherwise. */
  private static Types.StructType struct(Type type) {
    if (type.isStructType()) {
      return type.asStructType();
    }
    if (type.isListType() && type.asListType().elementType().isStructType()) {
      return type.asListType().elementType().asStructType();
    }
    if (type.isMapType() && type.asMapType().valueType().isStructType()) {
      return type.asMapType().valueType().asStructType();
    }
    return null;
  }
}
