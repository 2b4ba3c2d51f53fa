package io.otlpiceberg.tables;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * Declares a table's columns in order and hands out each column's position, so the row builders
 * address values by a constant index that cannot drift from the schema. Field ids are unique across
 * nested types, as Iceberg requires; catalogs reassign them when a table is created.
 */
final class ColumnsBuilder {
  private final List<NestedField> columns = new ArrayList<>();
  private final IdSource ids;

  ColumnsBuilder() {
    this(new IdSource());
  }

  private ColumnsBuilder(IdSource ids) {
    this.ids = ids;
  }

  /** Adds an optional column and returns its position in the row. */
  int add(String name, Type type) {
    columns.add(NestedField.optional(ids.next(), name, type));
    return columns.size() - 1;
  }

  /** A builder for the fields of a nested struct, drawing ids from this table's sequence. */
  ColumnsBuilder nested() {
    return new ColumnsBuilder(ids);
  }

  /**
   * A builder for a nested struct declared in a class of its own, with ids from {@code firstId} up,
   * apart from the table's. Drawing them from the table's builder instead would make the struct's
   * class initialise the table's, which needs the struct: touching the struct first would fail.
   * Catalogs reassign every id when a table is created, so only uniqueness matters.
   */
  static ColumnsBuilder withIdsFrom(int firstId) {
    IdSource ids = new IdSource();
    ids.last = firstId - 1;
    return new ColumnsBuilder(ids);
  }

  Types.StructType struct() {
    return Types.StructType.of(columns);
  }

  Types.MapType stringMap() {
    return Types.MapType.ofOptional(
        ids.next(), ids.next(), Types.StringType.get(), Types.StringType.get());
  }

  Types.ListType listOf(Type element) {
    return Types.ListType.ofOptional(ids.next(), element);
  }

  Schema schema() {
    return new Schema(columns);
  }

  private static final class IdSource {
    private int last;

    int next() {
      return ++last;
    }
  }
}
