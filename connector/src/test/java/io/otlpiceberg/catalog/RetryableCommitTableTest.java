package io.otlpiceberg.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otlpiceberg.tables.OtlpTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which failed appends the coordinator tries again next round; the others stay as they are. */
class RetryableCommitTableTest {
  private static final TableIdentifier ID = TableIdentifier.of("ns", "t");
  @TempDir Path warehouse;

  @Test
  void anUnknownOutcomeOrAStoreFailureBecomesACommitToTryAgain() throws Exception {
    assertThatThrownBy(
            () ->
                appendFailingWith(
                    () ->
                        new CommitStateUnknownException(
                            new RuntimeException("Service failed: 500"))))
        .isInstanceOf(CommitFailedException.class)
        .hasMessageContaining("may or may not have happened");
    assertThatThrownBy(
            () ->
                appendFailingWith(
                    () ->
                        new UncheckedIOException(
                            new IOException(
                                "Please reduce your request rate. (Service: S3, Status Code: 503)"))))
        .isInstanceOf(CommitFailedException.class)
        .hasMessageContaining("did not take a file");
  }

  @Test
  void otherFailuresAndSuccessesAreLeftAsTheyAre() throws Exception {
    assertThatThrownBy(() -> appendFailingWith(() -> new ValidationException("conflict")))
        .isInstanceOf(ValidationException.class);
    try (HadoopCatalog catalog = catalog()) {
      List<TableCommit> committed = new ArrayList<>();
      Table table = RetryableCommitTable.of(table(catalog), ID, committed::add);
      table.newAppend().appendFile(file(table)).set("k", "v").commit();
      table.refresh();
      assertThat(table.currentSnapshot().summary())
          .containsEntry("k", "v")
          .containsEntry("added-data-files", "1");
      assertThat(committed)
          .singleElement()
          .satisfies(
              commit -> {
                assertThat(commit.table()).isEqualTo(ID);
                assertThat(commit.addedRows()).isEqualTo(1);
                assertThat(commit.snapshotId()).isEqualTo(table.currentSnapshot().snapshotId());
              });
    }
  }

  @Test
  void aCommitIsReportedWithItsSnapshotAndTheDaysAndTimesOfItsFiles() throws Exception {
    try (HadoopCatalog catalog = catalog()) {
      Table created =
          catalog.createTable(ID, OtlpTable.LOGS.schema(), OtlpTable.LOGS.partitionSpec());
      List<TableCommit> committed = new ArrayList<>();
      Table table = RetryableCommitTable.of(created, ID, committed::add);
      Instant first = Instant.parse("2026-12-02T23:59:58.123456Z");
      Instant second = Instant.parse("2026-12-03T00:00:01Z");
      Instant last = Instant.parse("2026-12-03T10:00:00.5Z");
      table
          .newAppend()
          .appendFile(timedFile(table, "a", 3, first, first))
          .appendFile(timedFile(table, "b", 4, second, last))
          .set(RetryableCommitTable.COMMIT_ID, "c-1")
          .commit();
      table.refresh();
      Snapshot snapshot = table.currentSnapshot();
      assertThat(committed)
          .singleElement()
          .isEqualTo(
              new TableCommit(
                  ID,
                  snapshot.snapshotId(),
                  snapshot.sequenceNumber(),
                  snapshot.timestampMillis(),
                  7,
                  2,
                  List.of(LocalDate.parse("2026-12-02"), LocalDate.parse("2026-12-03")),
                  micros(first),
                  micros(last)));
    }
  }

  private static DataFile timedFile(
      Table table, String name, long rows, Instant lower, Instant upper) {
    int id = table.schema().findField("timestamp").fieldId();
    Type type = table.schema().findType(id);
    Metrics metrics =
        new Metrics(
            rows,
            null,
            null,
            null,
            null,
            Map.of(id, Conversions.toByteBuffer(type, micros(lower))),
            Map.of(id, Conversions.toByteBuffer(type, micros(upper))));
    String day = lower.atZone(ZoneOffset.UTC).toLocalDate().toString();
    return DataFiles.builder(table.spec())
        .withPath(table.location() + "/data/" + name + ".parquet")
        .withFileSizeInBytes(100)
        .withPartitionPath("timestamp_day=" + day)
        .withMetrics(metrics)
        .build();
  }

  private static long micros(Instant time) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, time);
  }

  private void appendFailingWith(Supplier<RuntimeException> failure) throws Exception {
    try (HadoopCatalog catalog = catalog()) {
      Table real = table(catalog);
      TableOperations ops = ((HasTableOperations) real).operations();
      Table failing = new BaseTable(new FailingCommits(ops, failure), real.name());
      RetryableCommitTable.of(
              failing,
              ID,
              commit -> {
                throw new AssertionError("a failed commit was reported as made");
              })
          .newAppend()
          .appendFile(file(real))
          .commit();
    }
  }

  private HadoopCatalog catalog() {
    return new HadoopCatalog(new Configuration(), warehouse.toUri().toString());
  }

  private static Table table(HadoopCatalog catalog) {
    return catalog.tableExists(ID)
        ? catalog.loadTable(ID)
        : catalog.createTable(
            ID, new Schema(Types.NestedField.optional(1, "x", Types.LongType.get())));
  }

  private static DataFile file(Table table) {
    return DataFiles.builder(PartitionSpec.unpartitioned())
        .withPath(table.location() + "/data/f.parquet")
        .withFileSizeInBytes(100)
        .withRecordCount(1)
        .build();
  }

  /** The table's own operations, except that the commit throws. */
  private record FailingCommits(TableOperations ops, Supplier<RuntimeException> failure)
      implements TableOperations {
    @Override
    public TableMetadata current() {
      return ops.current();
    }

    @Override
    public TableMetadata refresh() {
      return ops.refresh();
    }

    @Override
    public void commit(TableMetadata base, TableMetadata metadata) {
      throw failure.get();
    }

    @Override
    public FileIO io() {
      return ops.io();
    }

    @Override
    public String metadataFileLocation(String fileName) {
      return ops.metadataFileLocation(fileName);
    }

    @Override
    public LocationProvider locationProvider() {
      return ops.locationProvider();
    }
  }
}
