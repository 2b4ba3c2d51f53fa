package io.otlpiceberg.catalog;

import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotAncestryValidator;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;

/**
 * A table as the commit coordinator appends to it: an append that fails on the object store
 * (a manifest the store would not take) or with an unknown outcome (the catalog answered 5xx
 * to the commit, e.g. because it could not write the metadata file) reads as a
 * {@link CommitFailedException}, the one failure the Iceberg sink 1.12.0's coordinator tries
 * again next round; any other ends its thread and fails the task for good.
 *
 * <p>Trying again after an unknown outcome adds nothing twice: before each commit the
 * coordinator reads from the table's snapshots which control-topic offsets were committed
 * already and leaves their files out.
 */
final class RetryableCommitTable extends BaseTable {
  private final TableIdentifier identifier;
  private final CommitObserver observer;

  private RetryableCommitTable(BaseTable table, TableIdentifier identifier,
      CommitObserver observer) {
    super(table.operations(), table.name(), table.reporter());
    this.identifier = identifier;
    this.observer = observer;
  }

  /**
   * The table, or the table as it is when it is not one whose commits can be wrapped.
   *
   * @param observer told of each append once committed
   */
  static Table of(Table table, TableIdentifier identifier, CommitObserver observer) {
    return table instanceof BaseTable base && table instanceof HasTableOperations
        ? new RetryableCommitTable(base, identifier, observer)
        : table;
  }

  @Override
  public AppendFiles newAppend() {
    return new RetryableAppend(super.newAppend());
  }

  /** Counts the appended rows, for the observer. */
  private final class RetryableAppend implements AppendFiles {
    private final AppendFiles append;
    private long rows;

    RetryableAppend(AppendFiles append) {
      this.append = append;
    }

    @Override
    public void commit() {
      try {
        append.commit();
        observer.committed(identifier, rows);
      } catch (CommitStateUnknownException e) {
        throw new CommitFailedException(e, "The commit to %s may or may not have happened (%s);"
            + " the next round finds out from the table's snapshots and commits what is"
            + " missing", name(), e.getMessage());
      } catch (RuntimeException e) {
        if (StorageFailures.passing(e)) {
          throw new CommitFailedException(e, "The object store did not take a file of the"
              + " commit to %s (%s); the next round tries again", name(), e);
        }
        throw e;
      }
    }

    @Override
    public AppendFiles appendFile(DataFile file) {
      append.appendFile(file);
      rows += file.recordCount();
      return this;
    }

    @Override
    public AppendFiles appendManifest(ManifestFile file) {
      append.appendManifest(file);
      return this;
    }

    @Override
    public AppendFiles set(String property, String value) {
      append.set(property, value);
      return this;
    }

    @Override
    public AppendFiles deleteWith(Consumer<String> deleteFunc) {
      append.deleteWith(deleteFunc);
      return this;
    }

    @Override
    public AppendFiles stageOnly() {
      append.stageOnly();
      return this;
    }

    @Override
    public AppendFiles scanManifestsWith(ExecutorService executorService) {
      append.scanManifestsWith(executorService);
      return this;
    }

    @Override
    public AppendFiles writeManifestsWith(ExecutorService executorService, int parallelism) {
      append.writeManifestsWith(executorService, parallelism);
      return this;
    }

    @Override
    public AppendFiles toBranch(String branch) {
      append.toBranch(branch);
      return this;
    }

    @Override
    public AppendFiles validateWith(SnapshotAncestryValidator validator) {
      append.validateWith(validator);
      return this;
    }

    @Override
    public Snapshot apply() {
      return append.apply();
    }

    @Override
    public Object updateEvent() {
      return append.updateEvent();
    }
  }
}
