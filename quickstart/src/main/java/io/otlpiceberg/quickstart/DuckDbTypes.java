package io.otlpiceberg.quickstart;

import java.util.stream.Collectors;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * An Iceberg type as DuckDB spells it, for the typed empty view of a table without a snapshot: a
 * query over it then finds every column and no row, as it would on Iceberg.
 */
final class DuckDbTypes {
  private DuckDbTypes() {}

  static String of(Type type) {
    return switch (type.typeId()) {
      case BOOLEAN -> "BOOLEAN";
      case INTEGER -> "INTEGER";
      case LONG -> "BIGINT";
      case FLOAT -> "FLOAT";
      case DOUBLE -> "DOUBLE";
      case DATE -> "DATE";
      case STRING -> "VARCHAR";
      case BINARY, FIXED -> "BLOB";
      case UUID -> "UUID";
      case DECIMAL -> {
        Types.DecimalType decimal = (Types.DecimalType) type;
        yield "DECIMAL(" + decimal.precision() + ", " + decimal.scale() + ")";
      }
      case TIMESTAMP ->
          ((Types.TimestampType) type).shouldAdjustToUTC() ? "TIMESTAMPTZ" : "TIMESTAMP";
      case LIST -> of(type.asListType().elementType()) + "[]";
      case MAP ->
          "MAP(" + of(type.asMapType().keyType()) + ", " + of(type.asMapType().valueType()) + ")";
      case STRUCT ->
          "STRUCT("
              + type.asStructType().fields().stream()
                  .map(f -> quote(f.name()) + " " + of(f.type()))
                  .collect(Collectors.joining(", "))
              + ")";
      default -> throw new IllegalArgumentException("No DuckDB type for Iceberg's " + type);
    };
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
