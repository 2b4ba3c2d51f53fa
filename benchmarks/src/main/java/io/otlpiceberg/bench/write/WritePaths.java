package io.otlpiceberg.bench.write;

import io.otlpiceberg.catalog.TableBootstrap;
import io.otlpiceberg.config.OtlpSinkConfig;
import io.otlpiceberg.converter.OtlpConverter;
import io.otlpiceberg.metrics.TaskMetrics;
import io.otlpiceberg.promote.Promotions;
import io.otlpiceberg.tables.OtlpTable;
import io.otlpiceberg.tables.ParquetColumnSettings;
import io.otlpiceberg.write.OtlpSinkWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.connect.IcebergSinkConfig;
import org.apache.iceberg.connect.data.IcebergWriterResult;
import org.apache.iceberg.connect.data.SinkWriter;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.PartitionedFanoutWriter;
import org.apache.iceberg.io.TaskWriter;
import org.apache.iceberg.io.WriteResult;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.Converter;

/**
 * The three ways the benchmark writes one {@link WriteInput} into closed Parquet data files, each
 * into its own namespace of one in-memory catalog whose tables are created the same way (the
 * connector's {@link TableBootstrap}: same schema, partitioning, sort order and properties):
 *
 * <ul>
 *   <li>{@link #ours}: what a task does with the records it is given: {@link OtlpConverter} on the
 *       protobuf bytes, then {@link OtlpSinkWriter}, the writer the task's worker writes through,
 *       up to the closed files it hands to the commit;
 *   <li>{@link #floor}: the same rows, already built as Iceberg {@link Record}s, written by
 *       Iceberg's generic Parquet writer as the Iceberg sink configures it: what writing these rows
 *       costs with no decoding and no Connect at all;
 *   <li>{@link #stock}: the same rows flattened to one JSON object each, read by Kafka's schemaless
 *       {@link JsonConverter} and written by the Iceberg sink's own {@link SinkWriter} routing
 *       dynamically: what a generic pipeline (a flattening transform, then the stock sink) does.
 * </ul>
 *
 * <p>Each call writes the whole input once and returns the files; {@link #delete} drops them.
 */
final class WritePaths implements AutoCloseable {
  static final String OURS = "ours";
  static final String FLOOR = "floor";
  static final String STOCK = "stock";

  /**
   * Records per put. Connect polls up to max.poll.records (500), but a fetch returns about 1 MiB
   * per partition (max.partition.fetch.bytes): some 5 OTLP requests of 190 KB, or 500 JSON rows.
   */
  private static final int OURS_POLL = 5;

  private static final int STOCK_POLL = 500;

  private final InMemoryCatalog catalog = new InMemoryCatalog();
  private final OtlpConverter converter = new OtlpConverter();
  private final JsonConverter json = new JsonConverter();
  private final IcebergSinkConfig oursConfig;
  private final IcebergSinkConfig stockConfig;
  private final OtlpSinkConfig oursTables;

  /**
   * @param tableProperties set on every table after creation (the experiments' knob)
   */
  WritePaths(Map<String, String> tableProperties) {
    this("bench", tableProperties, false);
  }

  WritePaths(String name, Map<String, String> tableProperties) {
    this(name, tableProperties, false);
  }

  /**
   * @param name the catalog's name and warehouse: several instances may live side by side
   * @param stockWithoutColumnSettings the stock path's tables without the connector's per-column
   *     Parquet settings ({@link ParquetColumnSettings}), as a user of the stock sink would have
   *     them: the comparison with what each path gets out of the box
   */
  WritePaths(String name, Map<String, String> tableProperties, boolean stockWithoutColumnSettings) {
    this(name, tableProperties, stockWithoutColumnSettings, Map.of());
  }

  /**
   * @param oursProps connector settings of the ours path, e.g. {@code otlp.promote.traces}
   */
  WritePaths(
      String name,
      Map<String, String> tableProperties,
      boolean stockWithoutColumnSettings,
      Map<String, String> oursProps) {
    catalog.initialize(name, Map.of(CatalogProperties.WAREHOUSE_LOCATION, "memory://" + name));
    converter.configure(Map.of(), false);
    json.configure(Map.of("schemas.enable", "false", "converter.type", "value"));
    Map<String, String> common =
        Map.of(
            "iceberg.catalog.catalog-impl",
            InMemoryCatalog.class.getName(),
            "iceberg.control.topic",
            "bench-control");
    Map<String, String> ours = new HashMap<>(oursProps);
    ours.putAll(common);
    ours.put("name", "bench-ours");
    ours.put("otlp.namespace", OURS);
    Map<String, String> resolved = OtlpSinkConfig.resolve(ours);
    oursConfig = new IcebergSinkConfig(resolved);
    oursTables = new OtlpSinkConfig(resolved);
    Map<String, String> stock = new HashMap<>(common);
    stock.put("name", "bench-stock");
    stock.put("iceberg.tables.dynamic-enabled", "true");
    stock.put("iceberg.tables.route-field", WriteInput.ROUTE_FIELD);
    stockConfig = new IcebergSinkConfig(stock);
    for (String namespace : List.of(OURS, FLOOR, STOCK)) {
      new TableBootstrap(
              catalog, namespace.equals(OURS) ? oursTables.promotions() : Promotions.NONE)
          .ensureTables(
              table -> TableIdentifier.of(Namespace.of(namespace), table.tableName()), true);
      if (namespace.equals(STOCK) && stockWithoutColumnSettings) {
        for (OtlpTable table : OtlpTable.values()) {
          var update = catalog.loadTable(id(namespace, table)).updateProperties();
          ParquetColumnSettings.of(table.schema()).keySet().forEach(update::remove);
          update.commit();
        }
      }
      if (!tableProperties.isEmpty()) {
        for (OtlpTable table : OtlpTable.values()) {
          var update = catalog.loadTable(id(namespace, table)).updateProperties();
          tableProperties.forEach(update::set);
          update.commit();
        }
      }
    }
  }

  List<DataFile> ours(WriteInput input) {
    OtlpSinkWriter writer =
        new OtlpSinkWriter(
            catalog,
            oursConfig,
            oursTables::identifier,
            false,
            oursTables.promotions(),
            TaskMetrics.detached());
    put(input.protobuf, converter, OURS_POLL, input.signal.defaultTopic(), writer);
    return files(writer.completeWrite().writerResults());
  }

  List<DataFile> stock(WriteInput input) {
    SinkWriter writer = new SinkWriter(catalog, stockConfig);
    put(input.jsonRows, json, STOCK_POLL, input.signal.defaultTopic(), writer);
    return files(writer.completeWrite().writerResults());
  }

  /**
   * As Connect feeds a sink task: the records of one poll converted, then handed over in one {@code
   * put}, poll after poll, so only one poll's rows are alive at a time.
   */
  private static void put(
      List<byte[]> values, Converter converter, int poll, String topic, SinkWriter writer) {
    List<SinkRecord> batch = new ArrayList<>(poll);
    long offset = 0;
    for (byte[] value : values) {
      SchemaAndValue decoded = converter.toConnectData(topic, value);
      batch.add(new SinkRecord(topic, 0, null, null, null, decoded.value(), offset++));
      if (batch.size() == poll) {
        writer.save(batch);
        batch.clear();
      }
    }
    writer.save(batch);
  }

  List<DataFile> floor(WriteInput input) {
    List<DataFile> files = new ArrayList<>();
    for (Map.Entry<OtlpTable, List<Record>> entry : input.records.entrySet()) {
      Table table = catalog.loadTable(id(FLOOR, entry.getKey()));
      try (TaskWriter<Record> writer = genericWriter(table)) {
        for (Record record : entry.getValue()) {
          writer.write(record);
        }
        WriteResult result = writer.complete();
        files.addAll(List.of(result.dataFiles()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /** The writer the Iceberg sink makes for a table (RecordUtils.createTableWriter), rebuilt. */
  private static TaskWriter<Record> genericWriter(Table table) {
    GenericFileWriterFactory files =
        new GenericFileWriterFactory.Builder(table)
            .dataSchema(table.schema())
            .dataFileFormat(FileFormat.PARQUET)
            .writerProperties(table.properties())
            .build();
    OutputFileFactory names =
        OutputFileFactory.builderFor(table, 1, System.currentTimeMillis())
            .defaultSpec(table.spec())
            .operationId(UUID.randomUUID().toString())
            .format(FileFormat.PARQUET)
            .build();
    PartitionKey key = new PartitionKey(table.spec(), table.schema());
    InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
    long targetFileSize =
        PropertyUtil.propertyAsLong(
            table.properties(),
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
    return new PartitionedFanoutWriter<>(
        table.spec(), FileFormat.PARQUET, files, names, table.io(), targetFileSize) {
      @Override
      protected PartitionKey partition(Record row) {
        key.partition(wrapper.wrap(row));
        return key;
      }
    };
  }

  void delete(List<DataFile> files) {
    FileIO io = catalog.loadTable(id(FLOOR, OtlpTable.TRACES)).io();
    for (DataFile file : files) {
      io.deleteFile(file.location());
    }
  }

  /** Commits the files to their tables, as the sink's coordinator would. */
  void commit(List<DataFile> files, String namespace, OtlpTable table) {
    var append = catalog.loadTable(id(namespace, table)).newAppend();
    files.forEach(append::appendFile);
    append.commit();
  }

  Table table(String namespace, OtlpTable table) {
    return catalog.loadTable(id(namespace, table));
  }

  private static TableIdentifier id(String namespace, OtlpTable table) {
    return TableIdentifier.of(Namespace.of(namespace), table.tableName());
  }

  private static List<DataFile> files(List<IcebergWriterResult> results) {
    List<DataFile> files = new ArrayList<>();
    results.forEach(r -> files.addAll(r.dataFiles()));
    return files;
  }

  @Override
  public void close() throws IOException {
    catalog.close();
  }
}
