package io.otlpiceberg.write;

import io.otlpiceberg.rows.Row;
import java.time.OffsetDateTime;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.PartitionedFanoutWriter;

/**
 * Iceberg's fan-out writer (one rolling file per partition) over rows: the partition of a row is
 * computed from the row's own values, seen through the table's columns in Iceberg's internal
 * representation (microseconds for {@code timestamptz}), for whatever spec the table has.
 */
final class PartitionedRowWriter extends PartitionedFanoutWriter<Row> {
  private final PartitionKey key;
  private final RowAsStruct view;

  PartitionedRowWriter(
      Table table,
      FileWriterFactory<Row> files,
      OutputFileFactory fileNames,
      long targetFileSize,
      ColumnMatch match) {
    super(table.spec(), FileFormat.PARQUET, files, fileNames, table.io(), targetFileSize);
    this.key = new PartitionKey(table.spec(), table.schema());
    this.view = new RowAsStruct(match.positions(ColumnMatch.TOP), match.promoted());
  }

  @Override
  protected PartitionKey partition(Row row) {
    key.partition(view.wrap(row));
    return key;
  }

  /** A row as the table's top-level struct, the form partition transforms read. */
  private static final class RowAsStruct implements StructLike {
    private final int[] positions;
    private final PromotedValues promoted;
    private Row row;

    RowAsStruct(int[] positions, PromotedValues promoted) {
      this.positions = positions;
      this.promoted = promoted;
    }

    RowAsStruct wrap(Row newRow) {
      this.row = newRow;
      return this;
    }

    @Override
    public int size() {
      return positions.length;
    }

    @Override
    public <T> T get(int pos, Class<T> javaClass) {
      int position = positions[pos];
      // A user may partition by a promoted column; its failures are counted where it is written.
      Object value =
          position >= 0
              ? row.get(position)
              : position == -1 ? null : promoted.uncounted(-2 - position, row);
      if (value instanceof OffsetDateTime) {
        value = Micros.of((OffsetDateTime) value);
      } else if (value instanceof Integer && javaClass == Long.class) {
        value = ((Integer) value).longValue();
      }
      return javaClass.cast(value);
    }

    @Override
    public <T> void set(int pos, T value) {
      throw new UnsupportedOperationException("Rows are read-only");
    }
  }
}
