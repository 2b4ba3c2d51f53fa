package io.otlpiceberg.write;

import io.otlpiceberg.promote.PromotedColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * How a table's columns line up with the connector's rows, matched by name at every level: the
 * table may be the one the connector created, one an earlier version created (fewer columns), or
 * one a user extended (more columns). For each struct of the table schema, the position in the row
 * of each of its fields, or -1 where rows have no such field (the table gets a null). Structs are
 * known by the field id of the column (or list element) that holds them, {@link #TOP} for the table
 * itself, so the match serves any copy of the same schema.
 *
 * <p>A promoted column ({@code otlp.promote.*}) is a top-level column rows do not hold: its
 * position is {@code -2 - i}, for the i-th of the table's {@link PromotedValues}.
 *
 * <p>A table column whose type the rows cannot fill exactly is refused here, once per table, before
 * any file is written: the only widening is int rows into a long column, the one promotion Iceberg
 * itself allows between the types rows carry.
 */
final class ColumnMatch {
  /** The id under which the table's own columns are known. */
  static final int TOP = -1;

  private final Map<Integer, int[]> positions = new HashMap<>();
  private final Set<Integer> intsIntoLongs = new HashSet<>();
  private final List<String> notInTable = new ArrayList<>();
  private final TableIdentifier table;
  private final PromotedValues promoted;

  private ColumnMatch(TableIdentifier table, PromotedValues promoted) {
    this.table = table;
    this.promoted = promoted;
  }

  /**
   * @param tableSchema the table's current schema
   * @param rowSchema the schema the connector's rows follow ({@code OtlpTable.schema()})
   * @param promoted the table's promoted columns
   */
  static ColumnMatch of(
      TableIdentifier table, Schema tableSchema, Schema rowSchema, PromotedValues promoted) {
    ColumnMatch match = new ColumnMatch(table, promoted);
    match.struct(TOP, "", tableSchema.asStruct(), rowSchema.asStruct());
    for (PromotedColumn column : promoted.columns()) {
      if (tableSchema.findField(column.column()) == null) {
        match.notInTable.add(column.column() + " (" + column.entry() + ")");
      }
    }
    return match;
  }

  /** Where the values of promoted columns come from. */
  PromotedValues promoted() {
    return promoted;
  }

  /** Row positions of the fields of the struct held by this field id ({@link #TOP}: the table). */
  int[] positions(int structId) {
    int[] found = positions.get(structId);
    if (found == null) {
      throw new IllegalStateException("No struct under field id " + structId + " in " + table);
    }
    return found;
  }

  /** Whether a long column (by field id) is filled from int row values. */
  boolean intIntoLong(int fieldId) {
    return intsIntoLongs.contains(fieldId);
  }

  /** Row columns the table lacks, as dotted paths: their values are not written. */
  List<String> notInTable() {
    return notInTable;
  }

  private void struct(
      int structId, String path, Types.StructType tableStruct, Types.StructType rowStruct) {
    List<Types.NestedField> tableFields = tableStruct.fields();
    List<Types.NestedField> rowFields = rowStruct.fields();
    int[] fieldPositions = new int[tableFields.size()];
    for (int i = 0; i < fieldPositions.length; i++) {
      Types.NestedField field = tableFields.get(i);
      Types.NestedField rowField = rowStruct.field(field.name());
      String fieldPath = path + field.name();
      int promotedIndex = structId == TOP ? promoted.indexOf(field.name()) : -1;
      if (rowField == null && promotedIndex >= 0) {
        PromotedColumn column = promoted.columns().get(promotedIndex);
        if (!field.type().equals(column.type().icebergType())) {
          throw refused(
              fieldPath,
              "is "
                  + field.type()
                  + ", and the connector writes "
                  + column.type().label()
                  + " there ("
                  + column.entry()
                  + " in otlp.promote."
                  + promoted.table().tableName()
                  + "); promote it as "
                  + field.type()
                  + ", give the column that type, or name the promoted column otherwise");
        }
        if (field.isRequired()) {
          throw refused(
              fieldPath,
              "is required, and a promoted attribute can be missing; make"
                  + " it optional (ALTER TABLE ... ALTER COLUMN ... DROP NOT NULL)");
        }
        fieldPositions[i] = -2 - promotedIndex;
        continue;
      }
      if (rowField == null) {
        if (field.isRequired()) {
          throw refused(
              fieldPath,
              "is required, and the connector's rows have no such column;"
                  + " make it optional (ALTER TABLE ... ALTER COLUMN ... DROP NOT NULL)");
        }
        fieldPositions[i] = -1;
        continue;
      }
      if (field.isRequired()) {
        throw refused(
            fieldPath,
            "is required, and the connector writes null where OTLP has no"
                + " value; make it optional (ALTER TABLE ... ALTER COLUMN ... DROP NOT NULL)");
      }
      fieldPositions[i] = rowFields.indexOf(rowField);
      type(fieldPath, field.fieldId(), field.type(), rowField.type());
    }
    for (Types.NestedField rowField : rowFields) {
      if (tableStruct.field(rowField.name()) == null) {
        notInTable.add(path + rowField.name());
      }
    }
    positions.put(structId, fieldPositions);
  }

  private void type(String path, int fieldId, Type tableType, Type rowType) {
    if (tableType.isStructType() && rowType.isStructType()) {
      struct(fieldId, path + ".", tableType.asStructType(), rowType.asStructType());
    } else if (tableType.isListType() && rowType.isListType()) {
      // Elements and map values are never null in rows, so a required one is fine.
      Types.ListType list = tableType.asListType();
      type(
          path + ".element",
          list.elementId(),
          list.elementType(),
          rowType.asListType().elementType());
    } else if (tableType.isMapType() && rowType.isMapType()) {
      Types.MapType map = tableType.asMapType();
      type(path + ".key", map.keyId(), map.keyType(), rowType.asMapType().keyType());
      type(path + ".value", map.valueId(), map.valueType(), rowType.asMapType().valueType());
    } else if (tableType.isPrimitiveType() && tableType.equals(rowType)) {
      return;
    } else if (tableType.typeId() == Type.TypeID.LONG && rowType.typeId() == Type.TypeID.INTEGER) {
      intsIntoLongs.add(fieldId);
    } else {
      throw refused(
          path,
          "is "
              + tableType
              + ", and the connector writes "
              + rowType
              + " there; give the column that type, or write to another table");
    }
  }

  private ConnectException refused(String column, String why) {
    return new ConnectException("Cannot write table " + table + ": column " + column + " " + why);
  }
}
