package io.otlpiceberg.write;

import io.otlpiceberg.rows.Row;
import io.otlpiceberg.tables.OtlpTable;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.connect.data.IcebergWriterResult;
import org.apache.iceberg.connect.events.TableReference;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.TaskWriter;
import org.apache.iceberg.io.WriteResult;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data files one table gets in one commit round: rows go in, closed files come out as the
 * result the Iceberg sink's worker reports on the control topic. One writer per table per round, as
 * the sink's own, so each round sees the table's current schema, spec and properties.
 */
final class TableWriter {
  private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);
  private final Table table;
  private final TableReference reference;
  private final TaskWriter<Row> files;
  private final List<String> notInTable;
  private final OtlpTable kind;
  private long rows;

  /**
   * @param writeProps the connector's {@code iceberg.tables.write-props.*}, over the table's own
   * @param promoted the table's promoted columns
   */
  TableWriter(
      Table table,
      TableReference reference,
      OtlpTable kind,
      Map<String, String> writeProps,
      PromotedValues promoted) {
    this.table = table;
    this.reference = reference;
    this.kind = kind;
    String format =
        PropertyUtil.propertyAsString(
            writeProps,
            TableProperties.DEFAULT_FILE_FORMAT,
            table
                .properties()
                .getOrDefault(
                    TableProperties.DEFAULT_FILE_FORMAT,
                    TableProperties.DEFAULT_FILE_FORMAT_DEFAULT));
    if (FileFormat.fromString(format) != FileFormat.PARQUET) {
      throw new ConnectException(
          "Cannot write table "
              + reference.identifier()
              + ": it is set to"
              + " write "
              + format.toUpperCase(Locale.ROOT)
              + " files and the connector writes Parquet;"
              + " set the table property "
              + TableProperties.DEFAULT_FILE_FORMAT
              + "=parquet");
    }
    ColumnMatch match =
        ColumnMatch.of(reference.identifier(), table.schema(), kind.schema(), promoted);
    OutputFileFactory fileNames =
        OutputFileFactory.builderFor(table, 1, System.currentTimeMillis())
            .defaultSpec(table.spec())
            .operationId(UUID.randomUUID().toString())
            .format(FileFormat.PARQUET)
            .build();
    long targetFileSize =
        PropertyUtil.propertyAsLong(
            writeProps,
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
            PropertyUtil.propertyAsLong(
                table.properties(),
                TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
                TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT));
    this.files =
        new PartitionedRowWriter(
            table,
            new RowFileWriterFactory(table, writeProps, match),
            fileNames,
            targetFileSize,
            match);
    this.notInTable = match.notInTable();
  }

  TableIdentifier identifier() {
    return reference.identifier();
  }

  /** The table written, told apart from a table created later under the same name. */
  UUID tableUuid() {
    return reference.uuid();
  }

  /** Row columns this table lacks: their values are not written. */
  List<String> notInTable() {
    return notInTable;
  }

  void write(Row row) throws IOException {
    files.write(row);
    rows++;
  }

  /** Which of the connector's tables this writes. */
  OtlpTable kind() {
    return kind;
  }

  /** Rows written so far. */
  long rows() {
    return rows;
  }

  /** Closes the files and hands them over; the writer is done. */
  IcebergWriterResult complete() throws IOException {
    WriteResult result = files.complete();
    return new IcebergWriterResult(
        reference,
        Arrays.asList(result.dataFiles()),
        Arrays.asList(result.deleteFiles()),
        table.spec().partitionType());
  }

  /**
   * Deletes files {@link #complete} closed that are not handed over after all (another table's
   * failed): no snapshot will refer to them.
   */
  void delete(IcebergWriterResult completed) {
    for (DataFile file : completed.dataFiles()) {
      try {
        table.io().deleteFile(file.location());
      } catch (RuntimeException e) {
        LOG.warn("Could not delete data file {}, which no snapshot refers to", file.location(), e);
      }
    }
  }

  /** Closes the files and deletes them: they were never handed over, so nothing refers to them. */
  void abort() throws IOException {
    files.abort();
  }
}
