package io.otlpiceberg.write;

import io.otlpiceberg.rows.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.parquet.Parquet;

/**
 * New Parquet data files of one table, written from rows. Configured as the Iceberg sink's generic
 * writer configures them: the table's schema, properties and metrics settings, then the connector's
 * {@code iceberg.tables.write-props.*} on top. The connector only appends, so it never writes
 * delete files.
 */
final class RowFileWriterFactory implements FileWriterFactory<Row> {
  private final Table table;
  private final Map<String, String> writeProps;
  private final ColumnMatch match;

  RowFileWriterFactory(Table table, Map<String, String> writeProps, ColumnMatch match) {
    this.table = table;
    this.writeProps = writeProps;
    this.match = match;
  }

  @Override
  public DataWriter<Row> newDataWriter(
      EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
    try {
      return Parquet.writeData(file)
          .forTable(table)
          .setAll(writeProps)
          .withSpec(spec)
          .withPartition(partition)
          .withKeyMetadata(file.keyMetadata())
          .createWriterFunc(
              (schema, fileSchema) -> RowParquetWriter.create(schema.asStruct(), fileSchema, match))
          .overwrite()
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open a data file of table " + table.name(), e);
    }
  }

  @Override
  public EqualityDeleteWriter<Row> newEqualityDeleteWriter(
      EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
    throw new UnsupportedOperationException("otlp-iceberg only appends rows");
  }

  @Override
  public PositionDeleteWriter<Row> newPositionDeleteWriter(
      EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
    throw new UnsupportedOperationException("otlp-iceberg only appends rows");
  }
}
