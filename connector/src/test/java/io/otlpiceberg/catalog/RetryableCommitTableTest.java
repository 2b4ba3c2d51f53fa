package io.otlpiceberg.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
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
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which failed appends the coordinator tries again next round; the others stay as they are. */
class RetryableCommitTableTest {
  private static final TableIdentifier ID = TableIdentifier.of("ns", "t");
  @TempDir Path warehouse;

  @Test
  void anUnknownOutcomeOrAStoreFailureBecomesACommitToTryAgain() throws Exception {
    assertThatThrownBy(() -> appendFailingWith(() -> new CommitStateUnknownException(
        new RuntimeException("Service failed: 500"))))
        .isInstanceOf(CommitFailedException.class)
        .hasMessageContaining("may or may not have happened");
    assertThatThrownBy(() -> appendFailingWith(() -> new UncheckedIOException(
        new IOException("Please reduce your request rate. (Service: S3, Status Code: 503)"))))
        .isInstanceOf(CommitFailedException.class)
        .hasMessageContaining("did not take a file");
  }

  @Test
  void otherFailuresAndSuccessesAreLeftAsTheyAre() throws Exception {
    assertThatThrownBy(() -> appendFailingWith(() -> new ValidationException("conflict")))
        .isInstanceOf(ValidationException.class);
    try (HadoopCatalog catalog = catalog()) {
      Map<TableIdentifier, Long> committed = new HashMap<>();
      Table table = RetryableCommitTable.of(table(catalog), ID, committed::put);
      table.newAppend().appendFile(file(table)).set("k", "v").commit();
      table.refresh();
      assertThat(table.currentSnapshot().summary()).containsEntry("k", "v")
          .containsEntry("added-data-files", "1");
      assertThat(committed).isEqualTo(Map.of(ID, 1L));
    }
  }

  private void appendFailingWith(Supplier<RuntimeException> failure) throws Exception {
    try (HadoopCatalog catalog = catalog()) {
      Table real = table(catalog);
      TableOperations ops = ((HasTableOperations) real).operations();
      Table failing = new BaseTable(new FailingCommits(ops, failure), real.name());
      RetryableCommitTable.of(failing, ID, (table, rows) -> {
        throw new AssertionError("a failed commit was reported as made");
      }).newAppend().appendFile(file(real)).commit();
    }
  }

  private HadoopCatalog catalog() {
    return new HadoopCatalog(new Configuration(), warehouse.toUri().toString());
  }

  private static Table table(HadoopCatalog catalog) {
    return catalog.tableExists(ID) ? catalog.loadTable(ID) : catalog.createTable(ID,
        new Schema(Types.NestedField.optional(1, "x", Types.LongType.get())));
  }

  private static DataFile file(Table table) {
    return DataFiles.builder(PartitionSpec.unpartitioned())
        .withPath(table.location() + "/data/f.parquet").withFileSizeInBytes(100)
        .withRecordCount(1).build();
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
