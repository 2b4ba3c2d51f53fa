package io.otlpiceberg.write;

import io.otlpiceberg.catalog.StorageFailures;
import io.otlpiceberg.catalog.TableBootstrap;
import io.otlpiceberg.config.OtlpSinkConfig;
import io.otlpiceberg.metrics.TaskMetrics;
import io.otlpiceberg.promote.Promotions;
import io.otlpiceberg.rows.Row;
import io.otlpiceberg.tables.OtlpTable;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.connect.IcebergSinkConfig;
import org.apache.iceberg.connect.data.IcebergWriterResult;
import org.apache.iceberg.connect.data.Offset;
import org.apache.iceberg.connect.data.SinkWriter;
import org.apache.iceberg.connect.data.SinkWriterResult;
import org.apache.iceberg.connect.events.TableReference;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Iceberg sink's worker writes through: each decoded Kafka record (the converter's table
 * name -> rows) goes, row by row, into the data files of the rows' tables; at each commit round the
 * worker takes the closed files and the source offsets, exactly as from the sink's own writer, and
 * reports them on the control topic.
 *
 * <p>It replaces the sink's generic writer, which would need one Connect record per row and
 * converts every value of every row into a new Iceberg record; here the converter's rows are
 * written as they are ({@link RowParquetWriter}). Offsets follow the sink's rules: offset + 1 of
 * every record seen, rows or not, keyed by the record's original topic and partition.
 */
public class OtlpSinkWriter extends SinkWriter {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpSinkWriter.class);
  private static final OtlpTable[] TABLES = OtlpTable.values();

  private final Catalog catalog;
  private final Map<String, String> writeProps;
  private final Function<OtlpTable, TableIdentifier> identifiers;
  private final Map<String, OtlpTable> tablesByName = new HashMap<>();
  private final TableWriter[] writers = new TableWriter[TABLES.length];

  /** Each table as last loaded, to write on with while the catalog cannot be reached. */
  private final Table[] loaded = new Table[TABLES.length];

  private boolean catalogUnreachable;
  private final Map<TopicPartition, Offset> sourceOffsets = new HashMap<>();

  /** Per partition, the offset of the first record not yet handed over. */
  private final Map<TopicPartition, Long> firstNotHandedOver = new HashMap<>();

  private final TableBootstrap bootstrap;
  private final boolean createTables;
  private final TaskMetrics metrics;
  private final Set<TableIdentifier> reportedMissingColumns = new HashSet<>();
  private final PromotedValues[] promoted = new PromotedValues[TABLES.length];

  /**
   * @param identifiers where each table lives, e.g. {@code otel.traces}
   * @param createTables whether a table dropped while the task runs is created again ({@code
   *     otlp.tables.create})
   * @param promotions the attributes each table gets a column of its own for
   * @param metrics where the rows handed over are counted
   */
  public OtlpSinkWriter(
      Catalog catalog,
      IcebergSinkConfig config,
      Function<OtlpTable, TableIdentifier> identifiers,
      boolean createTables,
      Promotions promotions,
      TaskMetrics metrics) {
    super(catalog, config);
    this.metrics = metrics;
    this.catalog = catalog;
    this.bootstrap = new TableBootstrap(catalog, promotions);
    this.createTables = createTables;
    this.writeProps = config.writeProps();
    this.identifiers = identifiers;
    for (OtlpTable table : TABLES) {
      tablesByName.put(table.tableName(), table);
      promoted[table.ordinal()] = new PromotedValues(table, promotions.of(table), metrics);
    }
  }

  @Override
  public void save(Collection<SinkRecord> records) {
    for (SinkRecord record : records) {
      save(record);
    }
  }

  private void save(SinkRecord record) {
    OffsetDateTime timestamp =
        record.timestamp() == null
            ? null
            : OffsetDateTime.ofInstant(Instant.ofEpochMilli(record.timestamp()), ZoneOffset.UTC);
    TopicPartition partition =
        new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    sourceOffsets.put(partition, new Offset(record.originalKafkaOffset() + 1, timestamp));
    firstNotHandedOver.putIfAbsent(partition, record.originalKafkaOffset());

    Object value = record.value();
    if (value == null) {
      return;
    }
    if (!(value instanceof Map)) {
      throw new ConnectException(
          String.format(
              "Record at topic %s, partition %d, offset %d: expected the table rows decoded by %s,"
                  + " found a %s; set value.converter=%s in the connector config",
              record.topic(),
              record.kafkaPartition(),
              record.kafkaOffset(),
              OtlpSinkConfig.OTLP_CONVERTER,
              value.getClass().getName(),
              OtlpSinkConfig.OTLP_CONVERTER));
    }
    for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
      OtlpTable table = tablesByName.get(entry.getKey());
      if (table == null) {
        // Rows nobody can place would be lost: refuse instead.
        throw new ConnectException(
            String.format(
                "Record at topic %s, partition %d, offset %d holds rows for unknown table '%s';"
                    + " expected one of %s",
                record.topic(),
                record.kafkaPartition(),
                record.kafkaOffset(),
                entry.getKey(),
                tablesByName.keySet()));
      }
      write(record, table, (List<?>) entry.getValue());
    }
  }

  private void write(SinkRecord record, OtlpTable table, List<?> rows) {
    TableWriter writer = writer(table);
    try {
      for (Object row : rows) {
        writer.write((Row) row);
      }
    } catch (IOException | RuntimeException e) {
      if (StorageFailures.passing(e)) {
        throw abandoned(
            "Cannot write the data files of " + writer.identifier() + " (" + e + ")", e);
      }
      throw new DataException(
          String.format(
              "Cannot write the rows of the record at topic %s, partition %d, offset %d to table %s",
              record.topic(), record.kafkaPartition(), record.kafkaOffset(), writer.identifier()),
          e);
    }
  }

  private TableWriter writer(OtlpTable table) {
    TableWriter writer = writers[table.ordinal()];
    if (writer == null) {
      TableIdentifier identifier = identifiers.apply(table);
      Table current = load(table, identifier);
      writer =
          new TableWriter(
              current,
              TableReference.of(catalog.name(), identifier, current.uuid()),
              table,
              writeProps,
              promoted[table.ordinal()]);
      if (!writer.notInTable().isEmpty() && reportedMissingColumns.add(identifier)) {
        LOG.warn(
            "Table {} lacks the columns {} (made by an earlier version of the connector?):"
                + " their values are not written. Add them to keep them, e.g. ALTER TABLE ... ADD"
                + " COLUMN",
            identifier,
            writer.notInTable());
      }
      writers[table.ordinal()] = writer;
    }
    return writer;
  }

  /**
   * The table as the catalog has it now, or, while the catalog cannot be reached, as it was last
   * loaded. Writing data files needs only the table's schema, spec and location; the commit, which
   * needs the catalog, waits for it in the coordinator, and Kafka's offsets wait with it, so
   * nothing is lost. Failing here instead would fail the task for good.
   */
  private Table load(OtlpTable table, TableIdentifier identifier) {
    try {
      Table current = catalog.loadTable(identifier);
      if (catalogUnreachable) {
        LOG.info("Catalog {} answers again (table {} loaded)", catalog.name(), identifier);
        catalogUnreachable = false;
      }
      loaded[table.ordinal()] = current;
      return current;
    } catch (NoSuchTableException e) {
      if (!createTables) {
        throw new ConnectException(
            "Table "
                + identifier
                + " no longer exists in catalog "
                + catalog.name()
                + " (it did when the task started) and otlp.tables.create=false:"
                + " create it again, then restart the task; nothing after the last commit is lost",
            e);
      }
      LOG.warn(
          "Table {} no longer exists in catalog {} (it did when the task started):"
              + " creating it again",
          identifier,
          catalog.name());
      bootstrap.ensureTable(table, identifier, true);
      return load(table, identifier);
    } catch (RuntimeException e) {
      Table earlier = loaded[table.ordinal()];
      if (earlier == null) {
        throw e;
      }
      if (!catalogUnreachable) {
        LOG.warn(
            "Cannot load table {} from catalog {} ({}): writing on with the table as last"
                + " loaded; commits wait until the catalog answers",
            identifier,
            catalog.name(),
            e.toString());
        catalogUnreachable = true;
      }
      return earlier;
    }
  }

  /**
   * The round's closed data files, per table, and the offsets they cover.
   *
   * @throws RoundAbandonedException if a table written this round is no longer the one written, or
   *     the object store failed to take a file; files not closed stay open, for {@link #close} to
   *     delete
   */
  @Override
  public SinkWriterResult completeWrite() {
    checkTablesUnchanged();
    List<IcebergWriterResult> results = new ArrayList<>();
    List<TableWriter> completed = new ArrayList<>();
    for (int i = 0; i < writers.length; i++) {
      if (writers[i] != null) {
        try {
          results.add(writers[i].complete());
          completed.add(writers[i]);
        } catch (IOException | RuntimeException e) {
          if (!StorageFailures.passing(e)) {
            throw new ConnectException(
                "Cannot close the data files of " + writers[i].identifier(), e);
          }
          for (int done = 0; done < completed.size(); done++) {
            completed.get(done).delete(results.get(done));
          }
          throw abandoned(
              "Cannot close the data files of " + writers[i].identifier() + " (" + e + ")", e);
        }
        writers[i] = null;
      }
    }
    for (TableWriter writer : completed) {
      metrics.written(writer.kind(), writer.rows());
    }
    Map<TopicPartition, Offset> offsets = new HashMap<>(sourceOffsets);
    sourceOffsets.clear();
    firstNotHandedOver.clear();
    return new SinkWriterResult(results, offsets);
  }

  /**
   * Each table written this round, asked for again: still there, with the same UUID? A table the
   * catalog cannot be asked about now passes; its commit waits for the catalog anyway.
   */
  private void checkTablesUnchanged() {
    List<String> replaced = new ArrayList<>();
    for (TableWriter writer : writers) {
      if (writer == null) {
        continue;
      }
      try {
        if (!catalog.loadTable(writer.identifier()).uuid().equals(writer.tableUuid())) {
          replaced.add(writer.identifier() + " (dropped and created again)");
        }
      } catch (NoSuchTableException e) {
        replaced.add(writer.identifier() + " (dropped)");
      } catch (RuntimeException e) {
        LOG.debug("Cannot check table {} before handing its files over", writer.identifier(), e);
      }
    }
    if (!replaced.isEmpty()) {
      throw abandoned(
          "Tables changed since this round's rows were written: "
              + String.join(", ", replaced)
              + "; the rows go into the tables as they are now"
              + (createTables
                  ? " (a dropped one is created again)"
                  : " (otlp.tables.create=false: a dropped one fails the task)"),
          null);
    }
  }

  private RoundAbandonedException abandoned(String why, Throwable cause) {
    return new RoundAbandonedException(
        why
            + ". The round's data files are deleted and the task"
            + " reads its partitions again from "
            + firstNotHandedOver,
        firstNotHandedOver,
        cause);
  }

  /** Files not yet handed over are deleted: Kafka gives their rows again after the restart. */
  @Override
  public void close() {
    for (int i = 0; i < writers.length; i++) {
      if (writers[i] != null) {
        try {
          writers[i].abort();
        } catch (IOException | RuntimeException e) {
          LOG.warn("Could not delete the unfinished data files of {}", writers[i].identifier(), e);
        }
        writers[i] = null;
      }
    }
  }
}
