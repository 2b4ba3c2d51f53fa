package io.otlpiceberg.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import io.otlpiceberg.catalog.TableBootstrap;
import io.otlpiceberg.config.OtlpSinkConfig;
import io.otlpiceberg.converter.OtlpConverter;
import io.otlpiceberg.it.ExpectedRows;
import io.otlpiceberg.it.Tables;
import io.otlpiceberg.metrics.TaskMetrics;
import io.otlpiceberg.tables.OtlpTable;
import io.otlpiceberg.telemetry.EveryFieldRequests;
import io.otlpiceberg.telemetry.OtlpValues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.connect.IcebergSinkConfig;
import org.apache.iceberg.connect.data.IcebergWriterResult;
import org.apache.iceberg.connect.data.Offset;
import org.apache.iceberg.connect.data.SinkWriterResult;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.types.Types;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector's writer against a real Iceberg catalog on disk: the files it hands over, once
 * appended, hold every row the converter decoded, column by column, in every table.
 */
class OtlpSinkWriterTest {
  private static final Namespace NAMESPACE = Namespace.of("otel");

  @TempDir Path warehouse;

  private final OtlpConverter converter = new OtlpConverter();
  private final ExpectedRows expected = new ExpectedRows(Map.of());
  private final TaskMetrics metrics = TaskMetrics.detached();
  private HadoopCatalog catalog;
  private OtlpSinkConfig otlpConfig;
  private IcebergSinkConfig sinkConfig;
  private long nextOffset;

  @BeforeEach
  void setUp() {
    converter.configure(Map.of(), false);
    catalog = new HadoopCatalog(new Configuration(), warehouse.toUri().toString());
    configure(Map.of());
  }

  /** The connector's config, with these keys besides the catalog's. */
  private void configure(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(extra);
    props.put("name", "writer-test");
    props.put("iceberg.catalog.type", "hadoop");
    props.put("iceberg.catalog.warehouse", warehouse.toUri().toString());
    Map<String, String> resolved = OtlpSinkConfig.resolve(props);
    otlpConfig = new OtlpSinkConfig(resolved);
    sinkConfig = new IcebergSinkConfig(resolved);
  }

  @AfterEach
  void tearDown() throws IOException {
    catalog.close();
  }

  @Test
  void everyColumnOfEveryTableIsWrittenAsTheConverterDecodedIt() throws Exception {
    createTables();
    List<SinkRecord> records = new ArrayList<>();
    records.add(record("otlp_spans", sample("trace.json")));
    records.add(record("otlp_logs", sample("logs.json")));
    records.add(record("otlp_logs", sample("events.json")));
    records.add(record("otlp_metrics", sample("metrics.json")));
    records.add(record("otlp_spans", EveryFieldRequests.traces(1, 20).toByteArray()));
    records.add(record("otlp_logs", EveryFieldRequests.logs().toByteArray()));
    records.add(record("otlp_metrics", EveryFieldRequests.metrics().toByteArray()));

    SinkWriterResult result = writeAndAppend(records);

    for (OtlpTable table : OtlpTable.values()) {
      assertThat(expected.count(table.tableName())).as(table.tableName()).isPositive();
      expected.assertHeldBy(table.tableName(), Tables.rows(catalog, "otel", table.tableName()));
      assertThat(metrics.getAttribute("rows-written-total-" + table.tableName()))
          .as("rows written to %s, as the metrics count them", table)
          .isEqualTo((long) expected.count(table.tableName()));
    }
    assertThat(result.writerResults())
        .extracting(r -> r.tableReference().identifier().name())
        .containsExactlyInAnyOrder(
            Stream.of(OtlpTable.values()).map(OtlpTable::tableName).toArray(String[]::new));
  }

  @Test
  void theTablesPerColumnParquetSettingsReachTheFiles() throws Exception {
    createTables();
    writeAndAppend(List.of(record("otlp_spans", EveryFieldRequests.traces(1, 20).toByteArray())));

    List<Path> files = parquetFiles();
    assertThat(files).hasSize(1);
    Map<String, ColumnChunkMetaData> chunks = new java.util.HashMap<>();
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(files.get(0).toUri()), new Configuration()))) {
      for (ColumnChunkMetaData chunk : reader.getFooter().getBlocks().get(0).getColumns()) {
        chunks.put(chunk.getPath().toDotString(), chunk);
      }
      // A bloom filter on trace_id, which holds the one trace id written and not another.
      BloomFilter bloom =
          reader
              .getBloomFilterDataReader(reader.getFooter().getBlocks().get(0))
              .readBloomFilter(chunks.get("trace_id"));
      assertThat(bloom).as("bloom filter of trace_id").isNotNull();
      String written = OtlpValues.hex(OtlpValues.traceId(1, 0xABCDEFL));
      assertThat(bloom.findHash(bloom.hash(Binary.fromString(written)))).isTrue();
      assertThat(bloom.findHash(bloom.hash(Binary.fromString(written.replace('a', 'b')))))
          .isFalse();
      assertThat(
              reader
                  .getBloomFilterDataReader(reader.getFooter().getBlocks().get(0))
                  .readBloomFilter(chunks.get("span_id")))
          .as("no filter on span_id")
          .isNull();
    }
    // Ids and instants plain, though all 20 spans share one trace id; service and kind with a
    // dictionary.
    assertThat(chunks.get("trace_id").hasDictionaryPage()).isFalse();
    assertThat(chunks.get("start_time_unix_nano").hasDictionaryPage()).isFalse();
    assertThat(chunks.get("resource_attributes.key_value.value").hasDictionaryPage()).isFalse();
    assertThat(chunks.get("service_name").hasDictionaryPage()).isTrue();
    assertThat(chunks.get("kind").hasDictionaryPage()).isTrue();
    // Statistics at the top level, none inside maps and lists.
    assertThat(chunks.get("service_name").getStatistics().isEmpty()).isFalse();
    assertThat(chunks.get("attributes.key_value.key").getStatistics().isEmpty()).isTrue();
    assertThat(chunks.get("events.list.element.name").getStatistics().isEmpty()).isTrue();
    // Nor on ids, which are random: their min and max prune nothing.
    assertThat(chunks.get("trace_id").getStatistics().isEmpty()).isTrue();
    assertThat(chunks.get("span_id").getStatistics().isEmpty()).isTrue();
    assertThat(chunks.get("timestamp").getStatistics().isEmpty()).isFalse();
    assertThat(chunks.get("name").getCodec())
        .isEqualTo(org.apache.parquet.hadoop.metadata.CompressionCodecName.ZSTD);
  }

  /**
   * The map writer keeps the bytes of the map it wrote last ({@link StringWriters}): maps that
   * agree, differ in one value, change order, shrink, grow or are empty, one after the other, must
   * each come back as written.
   */
  @Test
  void attributeMapsThatShareEntriesAreEachWrittenAsTheyAre() throws Exception {
    createTables();
    List<List<String>> maps =
        List.of(
            List.of("a", "1", "b", "2"),
            List.of("a", "1", "b", "2"),
            List.of("a", "1", "b", "3"),
            List.of("b", "3", "a", "1"),
            List.of("a", "1"),
            List.of("a", "1", "b", "3", "c", "4"),
            List.of(),
            List.of("a", "", "b", "3", "c", "4"),
            List.of("c", "4", "b", "3", "a", "1", "d", "é✓"));
    ExportTraceServiceRequest.Builder request =
        EveryFieldRequests.traces(1, maps.size() - 1).toBuilder();
    List<Span.Builder> spans =
        request.getResourceSpansBuilder(0).getScopeSpansBuilder(0).getSpansBuilderList();
    assertThat(spans).hasSize(maps.size());
    for (int i = 0; i < maps.size(); i++) {
      Span.Builder span = spans.get(i).clearAttributes();
      List<String> kv = maps.get(i);
      for (int k = 0; k < kv.size(); k += 2) {
        span.addAttributes(
            io.opentelemetry.proto.common.v1.KeyValue.newBuilder()
                .setKey(kv.get(k))
                .setValue(
                    io.opentelemetry.proto.common.v1.AnyValue.newBuilder()
                        .setStringValue(kv.get(k + 1))));
      }
    }

    writeAndAppend(List.of(record("otlp_spans", request.build().toByteArray())));

    List<Map<String, Object>> read = Tables.rows(catalog, "otel", "traces");
    expected.assertHeldBy("traces", read);
    assertThat(read)
        .extracting(row -> row.get("attributes"))
        .containsExactlyInAnyOrderElementsOf(
            maps.stream()
                .map(
                    kv -> {
                      Map<String, String> map = new java.util.LinkedHashMap<>();
                      for (int k = 0; k < kv.size(); k += 2) {
                        map.put(kv.get(k), kv.get(k + 1));
                      }
                      return map;
                    })
                .collect(Collectors.toList()));
  }

  @Test
  void promotedAttributesGetTypedColumnsAndStayInTheirMaps() throws Exception {
    createTables();
    configure(
        Map.of(
            "otlp.promote.traces",
            "attributes.http.status_code:long, attributes.ok:boolean,"
                + " attributes.ratio:double, service=resource_attributes.service.name,"
                + " tags_count=attributes.tags:long"));
    // The tables exist without the columns, as a task of an earlier config left them.
    createTables();
    List<SinkRecord> records = new ArrayList<>();
    for (int batch = 0; batch < 3; batch++) {
      records.add(record("otlp_spans", EveryFieldRequests.traces(batch, 4).toByteArray()));
    }

    writeAndAppend(records);

    List<Map<String, Object>> spans = Tables.rows(catalog, "otel", "traces");
    assertThat(spans).hasSize(15);
    for (Map<String, Object> span : spans) {
      @SuppressWarnings("unchecked")
      Map<String, String> attributes = (Map<String, String>) span.get("attributes");
      @SuppressWarnings("unchecked")
      Map<String, String> resource = (Map<String, String>) span.get("resource_attributes");
      String status = attributes.get("http.status_code");
      assertThat(span.get("http_status_code"))
          .isEqualTo(status == null ? null : Long.parseLong(status));
      assertThat(span.get("ok"))
          .isEqualTo(attributes.containsKey("ok") ? Boolean.valueOf(attributes.get("ok")) : null);
      assertThat(span.get("ratio"))
          .isEqualTo(
              attributes.containsKey("ratio") ? Double.valueOf(attributes.get("ratio")) : null);
      assertThat(span.get("service")).isEqualTo(resource.get("service.name")).isNotNull();
      // An array is no long: null here, kept in the map.
      assertThat(span.get("tags_count")).isNull();
    }
    long rich = spans.stream().filter(s -> s.get("http_status_code") != null).count();
    assertThat(rich).isEqualTo(3);
    assertThat(spans)
        .filteredOn(s -> s.get("http_status_code") != null)
        .allSatisfy(
            s ->
                assertThat(s)
                    .containsEntry("http_status_code", 200L)
                    .containsEntry("ok", true)
                    .containsEntry("ratio", 0.25))
        .allSatisfy(
            s -> assertThat(((Map<?, ?>) s.get("attributes")).get("tags")).isEqualTo("[\"a\",1]"));
    assertThat(metrics.getAttribute("promoted-values-unconverted-total-traces")).isEqualTo(3L);
  }

  @Test
  void offsetsAreThoseOfTheOriginalPartitionPlusOneForEveryRecordWithOrWithoutRows()
      throws Exception {
    createTables();
    OtlpSinkWriter writer = writer();
    SinkRecord withRows = record("otlp_spans", EveryFieldRequests.traces(1, 2).toByteArray());
    SinkRecord empty =
        new SinkRecord(
            "otlp_logs", 3, null, null, null, null, 41L, 7_000L, TimestampType.CREATE_TIME);
    SinkRecord noRows =
        record(
            "otlp_metrics",
            io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest
                .getDefaultInstance()
                .toByteArray());
    writer.save(List.of(withRows, empty, noRows));

    SinkWriterResult result = writer.completeWrite();

    Map<TopicPartition, Offset> offsets = result.sourceOffsets();
    assertThat(offsets)
        .containsOnlyKeys(
            new TopicPartition("otlp_spans", 0),
            new TopicPartition("otlp_logs", 3),
            new TopicPartition("otlp_metrics", 0));
    assertThat(offsets.get(new TopicPartition("otlp_spans", 0)).offset())
        .isEqualTo(withRows.kafkaOffset() + 1);
    assertThat(offsets.get(new TopicPartition("otlp_logs", 3)).offset()).isEqualTo(42L);
    assertThat(offsets.get(new TopicPartition("otlp_logs", 3)).timestamp().toInstant())
        .isEqualTo(Instant.ofEpochMilli(7_000L));
    assertThat(result.writerResults())
        .singleElement()
        .satisfies(r -> assertThat(r.tableReference().identifier().name()).isEqualTo("traces"));
    assertThat(writer.completeWrite().sourceOffsets()).as("the next round starts empty").isEmpty();
  }

  @Test
  void rowsOfDifferentDaysGoToTheirDaysPartitionFiles() throws Exception {
    createTables();
    long day = 86_400_000_000_000L;
    ExportTraceServiceRequest today = EveryFieldRequests.traces(1, 3);
    ExportTraceServiceRequest tomorrow = shifted(EveryFieldRequests.traces(2, 1), day);

    SinkWriterResult result =
        writeAndAppend(
            List.of(
                record("otlp_spans", today.toByteArray()),
                record("otlp_spans", tomorrow.toByteArray())));

    List<DataFile> files = result.writerResults().get(0).dataFiles();
    Map<Integer, Long> rowsByDay =
        files.stream()
            .collect(
                Collectors.toMap(
                    f -> f.partition().get(0, Integer.class), DataFile::recordCount, Long::sum));
    int day0 =
        (int)
            LocalDate.ofInstant(Instant.ofEpochSecond(0, EveryFieldRequests.T0), ZoneOffset.UTC)
                .toEpochDay();
    assertThat(rowsByDay).containsOnly(Map.entry(day0, 4L), Map.entry(day0 + 1, 2L));
    expected.assertHeldBy("traces", Tables.rows(catalog, "otel", "traces"));
  }

  @Test
  void anOlderTableIsWrittenAsItIsColumnsItLacksLeftOutItsOwnExtrasNull() throws Exception {
    Schema ours = OtlpTable.TRACES.schema();
    List<Types.NestedField> fields = new ArrayList<>();
    for (Types.NestedField field : ours.columns()) {
      if (field.name().equals("flags")) {
        // An int column an older version might have declared as long.
        fields.add(Types.NestedField.optional(field.fieldId(), "flags", Types.LongType.get()));
      } else if (!field.name().equals("trace_state")) {
        fields.add(field);
      }
    }
    fields.add(
        Types.NestedField.optional(ours.highestFieldId() + 1, "team", Types.StringType.get()));
    Schema older = new Schema(fields);
    catalog.createNamespace(NAMESPACE);
    catalog
        .buildTable(TableIdentifier.of(NAMESPACE, "traces"), older)
        .withPartitionSpec(
            org.apache.iceberg.PartitionSpec.builderFor(older).day("timestamp").build())
        .create();

    writeAndAppend(List.of(record("otlp_spans", EveryFieldRequests.traces(1, 2).toByteArray())));

    List<Map<String, Object>> rows = Tables.rows(catalog, "otel", "traces");
    List<Map<String, Object>> want = new ArrayList<>();
    for (Map<String, Object> row : expected.rows("traces")) {
      Map<String, Object> adjusted = new HashMap<>(row);
      adjusted.remove("trace_state");
      adjusted.put("flags", ((Integer) row.get("flags")).longValue());
      adjusted.put("team", null);
      want.add(adjusted);
    }
    assertThat(rows).containsExactlyInAnyOrderElementsOf(want);
  }

  @Test
  void aColumnOfAnotherTypeIsRefusedBeforeAnyFileIsWritten() throws IOException {
    Schema ours = OtlpTable.LOGS.schema();
    List<Types.NestedField> fields = new ArrayList<>();
    for (Types.NestedField field : ours.columns()) {
      fields.add(
          field.name().equals("severity_number")
              ? Types.NestedField.optional(
                  field.fieldId(), "severity_number", Types.StringType.get())
              : field);
    }
    catalog.createNamespace(NAMESPACE);
    catalog.createTable(TableIdentifier.of(NAMESPACE, "logs"), new Schema(fields));

    assertThatThrownBy(
            () ->
                writer()
                    .save(List.of(record("otlp_logs", EveryFieldRequests.logs().toByteArray()))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("otel.logs")
        .hasMessageContaining("column severity_number is string")
        .hasMessageContaining("writes int");
    assertThat(parquetFiles()).isEmpty();
  }

  @Test
  void aPromotedColumnTheTableHasWithAnotherTypeIsRefusedWithTheFix() throws IOException {
    createTables();
    catalog
        .loadTable(TableIdentifier.of(NAMESPACE, "traces"))
        .updateSchema()
        .addColumn("http_route", Types.LongType.get())
        .commit();
    configure(Map.of("otlp.promote.traces", "attributes.http.route"));

    assertThatThrownBy(
            () ->
                writer()
                    .save(
                        List.of(
                            record("otlp_spans", EveryFieldRequests.traces(1, 2).toByteArray()))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining(
            "column http_route is long, and the connector writes string there"
                + " (attributes.http.route:string in otlp.promote.traces)");
    assertThat(parquetFiles()).isEmpty();
  }

  @Test
  void aRequiredColumnIsRefusedWithTheFix() {
    Schema ours = OtlpTable.LOGS.schema();
    List<Types.NestedField> fields = new ArrayList<>();
    for (Types.NestedField field : ours.columns()) {
      fields.add(field.name().equals("body") ? field.asRequired() : field);
    }
    catalog.createNamespace(NAMESPACE);
    catalog.createTable(TableIdentifier.of(NAMESPACE, "logs"), new Schema(fields));

    assertThatThrownBy(
            () ->
                writer()
                    .save(List.of(record("otlp_logs", EveryFieldRequests.logs().toByteArray()))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("column body is required")
        .hasMessageContaining("DROP NOT NULL");
  }

  @Test
  void aTableSetToAnotherFileFormatIsRefused() {
    catalog.createNamespace(NAMESPACE);
    catalog.createTable(
        TableIdentifier.of(NAMESPACE, "logs"),
        OtlpTable.LOGS.schema(),
        OtlpTable.LOGS.partitionSpec(),
        Map.of(TableProperties.DEFAULT_FILE_FORMAT, "orc"));

    assertThatThrownBy(
            () ->
                writer()
                    .save(List.of(record("otlp_logs", EveryFieldRequests.logs().toByteArray()))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("ORC")
        .hasMessageContaining("write.format.default=parquet");
  }

  @Test
  void aTableDroppedAfterStartFailsLoudlyInsteadOfDroppingRows() {
    assertThatThrownBy(
            () ->
                writer()
                    .save(List.of(record("otlp_logs", EveryFieldRequests.logs().toByteArray()))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("Table otel.logs no longer exists");
  }

  @Test
  void aTableDroppedAfterStartIsCreatedAgainWhenTheConnectorMayCreateTables() throws Exception {
    createTables();
    TableIdentifier logs = otlpConfig.identifier(OtlpTable.LOGS);
    catalog.dropTable(logs, true);

    writeAndAppend(
        writer(true), List.of(record("otlp_logs", EveryFieldRequests.logs().toByteArray())));

    expected.assertHeldBy("logs", Tables.rows(catalog, "otel", "logs"));
  }

  /**
   * Handing over files of a table that was dropped, or dropped and created again, would lose their
   * rows: the coordinator skips such files and commits the offsets past them.
   */
  @Test
  void aRoundWhoseTableWasReplacedIsNotHandedOverAndNamesWhereToReadAgain() throws Exception {
    createTables();
    OtlpSinkWriter writer = writer(true);
    writer.save(List.of(record("otlp_logs", EveryFieldRequests.logs().toByteArray())));
    assertThat(writer.completeWrite().writerResults()).hasSize(1);
    long firstOfRound = nextOffset;
    writer.save(
        List.of(
            record("otlp_logs", EveryFieldRequests.logs().toByteArray()),
            record("otlp_logs", EveryFieldRequests.logs().toByteArray())));
    TableIdentifier logs = otlpConfig.identifier(OtlpTable.LOGS);
    catalog.dropTable(logs, false);
    createTables();

    assertThatThrownBy(writer::completeWrite)
        .isInstanceOfSatisfying(
            RoundAbandonedException.class,
            e ->
                assertThat(e.rewindTo())
                    .isEqualTo(Map.of(new TopicPartition("otlp_logs", 0), firstOfRound)))
        .hasMessageContaining("otel.logs (dropped and created again)");
    writer.close();

    OtlpSinkWriter dropped = writer(false);
    dropped.save(List.of(record("otlp_logs", EveryFieldRequests.logs().toByteArray())));
    catalog.dropTable(logs, false);
    assertThatThrownBy(dropped::completeWrite)
        .isInstanceOf(RoundAbandonedException.class)
        .hasMessageContaining("otel.logs (dropped)")
        .hasMessageContaining("otlp.tables.create=false");
  }

  @Test
  void rowsForAnUnknownTableOrAValueNotDecodedByTheConverterFailWithTheRecordsPosition() {
    createTables();
    SinkRecord unknown =
        new SinkRecord("otlp_spans", 2, null, null, null, Map.of("spans", List.of()), 17L);
    SinkRecord notRows = new SinkRecord("otlp_spans", 2, null, null, null, "text", 18L);

    assertThatThrownBy(() -> writer().save(List.of(unknown)))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("topic otlp_spans, partition 2, offset 17")
        .hasMessageContaining("unknown table 'spans'");
    assertThatThrownBy(() -> writer().save(List.of(notRows)))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("offset 18")
        .hasMessageContaining("value.converter=" + OtlpSinkConfig.OTLP_CONVERTER);
  }

  @Test
  void closingBeforeTheFilesAreHandedOverLeavesNoFileBehind() throws Exception {
    createTables();
    OtlpSinkWriter handsOver = writer();
    handsOver.save(List.of(record("otlp_spans", EveryFieldRequests.traces(1, 200).toByteArray())));
    List<DataFile> handedOver = handsOver.completeWrite().writerResults().get(0).dataFiles();
    List<Path> before = parquetFiles();
    assertThat(before).hasSameSizeAs(handedOver).isNotEmpty();

    OtlpSinkWriter closes = writer();
    closes.save(
        List.of(
            record("otlp_spans", EveryFieldRequests.traces(2, 200).toByteArray()),
            record("otlp_metrics", EveryFieldRequests.metrics().toByteArray())));
    closes.close();

    assertThat(parquetFiles()).containsExactlyInAnyOrderElementsOf(before);
  }

  // ---- helpers -----------------------------------------------------------------------------

  private OtlpSinkWriter writer() {
    return writer(false);
  }

  private OtlpSinkWriter writer(boolean createTables) {
    return new OtlpSinkWriter(
        catalog,
        sinkConfig,
        otlpConfig::identifier,
        createTables,
        otlpConfig.promotions(),
        metrics);
  }

  /** As a task starts: the tables created, or given the columns they lack. */
  private void createTables() {
    new TableBootstrap(catalog, otlpConfig.promotions()).ensureTables(otlpConfig::identifier, true);
  }

  /** Writes the records, then commits the files the way the sink's coordinator would. */
  private SinkWriterResult writeAndAppend(List<SinkRecord> records) {
    return writeAndAppend(writer(), records);
  }

  private SinkWriterResult writeAndAppend(OtlpSinkWriter writer, List<SinkRecord> records) {
    writer.save(records);
    SinkWriterResult result = writer.completeWrite();
    for (IcebergWriterResult tableResult : result.writerResults()) {
      Table table = catalog.loadTable(tableResult.tableReference().identifier());
      AppendFiles append = table.newAppend();
      tableResult.dataFiles().forEach(append::appendFile);
      append.commit();
    }
    return result;
  }

  private SinkRecord record(String topic, byte[] value) {
    expected.produced(topic, value);
    Object rows = converter.toConnectData(topic, value).value();
    return new SinkRecord(
        topic,
        0,
        null,
        null,
        null,
        rows,
        nextOffset++,
        1_000L + nextOffset,
        TimestampType.CREATE_TIME);
  }

  private byte[] sample(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/samples/" + name)) {
      return in.readAllBytes();
    }
  }

  private static ExportTraceServiceRequest shifted(ExportTraceServiceRequest request, long nanos) {
    ExportTraceServiceRequest.Builder builder = request.toBuilder();
    builder
        .getResourceSpansBuilderList()
        .forEach(
            r ->
                r.getScopeSpansBuilderList()
                    .forEach(s -> s.getSpansBuilderList().forEach(span -> shift(span, nanos))));
    return builder.build();
  }

  private static void shift(Span.Builder span, long nanos) {
    span.setStartTimeUnixNano(span.getStartTimeUnixNano() + nanos)
        .setEndTimeUnixNano(span.getEndTimeUnixNano() + nanos);
    span.getEventsBuilderList().forEach(e -> e.setTimeUnixNano(e.getTimeUnixNano() + nanos));
  }

  private List<Path> parquetFiles() throws IOException {
    try (Stream<Path> files = Files.walk(warehouse)) {
      return files.filter(p -> p.toString().endsWith(".parquet")).collect(Collectors.toList());
    }
  }
}
