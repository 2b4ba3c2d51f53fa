package io.otlpiceberg.write;

import io.otlpiceberg.rows.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.parquet.ParquetValueWriter;
import org.apache.iceberg.parquet.ParquetValueWriters;
import org.apache.iceberg.parquet.TypeWithSchemaVisitor;
import org.apache.iceberg.types.Type.TypeID;
import org.apache.iceberg.types.Types;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Writes the connector's {@link Row}s straight into a Parquet file of the table's schema: the
 * values go from the row's array to Parquet's column writers, with no intermediate record.
 *
 * <p>The structure (definition and repetition levels, optional fields, lists, maps) is Iceberg's
 * own {@link ParquetValueWriters}, built the way Iceberg builds its generic writer; what is ours is
 * where each value comes from ({@link ColumnMatch}: the row position of every table column), the
 * two conversions rows need ({@code timestamp} from {@link OffsetDateTime} to microseconds, int
 * values into a long column of an older table), and strings encoded once per object ({@link
 * StringWriters}).
 */
final class RowParquetWriter {
  private RowParquetWriter() {}

  @SuppressWarnings("unchecked")
  static ParquetValueWriter<Row> create(
      Types.StructType tableStruct, MessageType fileSchema, ColumnMatch match) {
    return (ParquetValueWriter<Row>)
        TypeWithSchemaVisitor.visit(tableStruct, fileSchema, new Builder(fileSchema, match));
  }

  private static final class Builder extends TypeWithSchemaVisitor<ParquetValueWriter<?>> {
    private final MessageType file;
    private final ColumnMatch match;

    Builder(MessageType file, ColumnMatch match) {
      this.file = file;
      this.match = match;
    }

    @Override
    public ParquetValueWriter<?> message(
        Types.StructType struct, MessageType message, List<ParquetValueWriter<?>> fields) {
      return struct(struct, message.asGroupType(), fields);
    }

    @Override
    public ParquetValueWriter<?> struct(
        Types.StructType struct, GroupType group, List<ParquetValueWriter<?>> fields) {
      List<ParquetValueWriter<?>> writers = new ArrayList<>(fields.size());
      for (int i = 0; i < fields.size(); i++) {
        Type field = group.getType(i);
        writers.add(
            ParquetValueWriters.option(
                field, file.getMaxDefinitionLevel(path(field.getName())), fields.get(i)));
      }
      int structId = group.getId() == null ? ColumnMatch.TOP : group.getId().intValue();
      return new RowStructWriter(match.positions(structId), writers, match.promoted());
    }

    @Override
    public ParquetValueWriter<?> list(
        Types.ListType list, GroupType array, ParquetValueWriter<?> element) {
      GroupType repeated = array.getFields().get(0).asGroupType();
      String[] repeatedPath = currentPath();
      Type elementType = repeated.getType(0);
      return ParquetValueWriters.collections(
          file.getMaxDefinitionLevel(repeatedPath),
          file.getMaxRepetitionLevel(repeatedPath),
          ParquetValueWriters.option(
              elementType, file.getMaxDefinitionLevel(path(elementType.getName())), element));
    }

    @Override
    public ParquetValueWriter<?> map(
        Types.MapType map,
        GroupType group,
        ParquetValueWriter<?> key,
        ParquetValueWriter<?> value) {
      GroupType keyValue = group.getFields().get(0).asGroupType();
      String[] repeatedPath = currentPath();
      Type keyType = keyValue.getType(0);
      Type valueType = keyValue.getType(1);
      if (map.keyType().typeId() == TypeID.STRING && map.valueType().typeId() == TypeID.STRING) {
        return StringWriters.map(
            file.getMaxDefinitionLevel(repeatedPath),
            file.getMaxRepetitionLevel(repeatedPath),
            file.getColumnDescription(path(keyType.getName())),
            file.getColumnDescription(path(valueType.getName())),
            file.getMaxDefinitionLevel(path(valueType.getName())));
      }
      return ParquetValueWriters.maps(
          file.getMaxDefinitionLevel(repeatedPath),
          file.getMaxRepetitionLevel(repeatedPath),
          ParquetValueWriters.option(
              keyType, file.getMaxDefinitionLevel(path(keyType.getName())), key),
          ParquetValueWriters.option(
              valueType, file.getMaxDefinitionLevel(path(valueType.getName())), value));
    }

    @Override
    public ParquetValueWriter<?> primitive(
        org.apache.iceberg.types.Type.PrimitiveType type, PrimitiveType primitive) {
      ColumnDescriptor column = file.getColumnDescription(currentPath());
      switch (type.typeId()) {
        case STRING:
          return StringWriters.column(column);
        case INTEGER:
          return ParquetValueWriters.ints(column);
        case LONG:
          return primitive.getId() != null && match.intIntoLong(primitive.getId().intValue())
              ? new IntIntoLongWriter(column)
              : ParquetValueWriters.longs(column);
        case DOUBLE:
          return ParquetValueWriters.doubles(column);
        case BOOLEAN:
          return ParquetValueWriters.booleans(column);
        case TIMESTAMP:
          return new MicrosWriter(column);
        default:
          // ColumnMatch admits only the types rows carry; this is a bug, not bad input.
          throw new IllegalStateException("No row values for a column of type " + type);
      }
    }
  }

  /**
   * A struct whose fields are read from a row by position; -1 is a column rows lack, and below that
   * a promoted column ({@link ColumnMatch}).
   */
  private static final class RowStructWriter extends ParquetValueWriters.StructWriter<Row> {
    private final PromotedValues promoted;

    RowStructWriter(int[] positions, List<ParquetValueWriter<?>> writers, PromotedValues promoted) {
      super(positions, writers);
      this.promoted = promoted;
    }

    @Override
    protected Object get(Row row, int position) {
      if (position >= 0) {
        return row.get(position);
      }
      return position == -1 ? null : promoted.value(-2 - position, row);
    }
  }

  /** {@code timestamptz}: rows hold UTC {@link OffsetDateTime}s, Parquet wants microseconds. */
  private static final class MicrosWriter
      extends ParquetValueWriters.PrimitiveWriter<OffsetDateTime> {
    MicrosWriter(ColumnDescriptor column) {
      super(column);
    }

    @Override
    public void write(int repetitionLevel, OffsetDateTime value) {
      column.writeLong(repetitionLevel, Micros.of(value));
    }
  }

  /** An int row value into a long column (a table made when the column was an int). */
  private static final class IntIntoLongWriter extends ParquetValueWriters.PrimitiveWriter<Number> {
    IntIntoLongWriter(ColumnDescriptor column) {
      super(column);
    }

    @Override
    public void write(int repetitionLevel, Number value) {
      column.writeLong(repetitionLevel, value.longValue());
    }
  }
}
