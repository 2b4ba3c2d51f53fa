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
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table as the commit coordinator appends to it: an append that fails on the object store (a
 * manifest the store would not take) or with an unknown outcome (the catalog answered 5xx to the
 * commit, e.g. because it could not write the metadata file) reads as a {@link
 * CommitFailedException}, the one failure the Iceberg sink 1.12.0's coordinator tries again next
 * round; any other ends its thread and fails the task for good.
 *
 * <p>Trying again after an unknown outcome adds nothing twice: before each commit the coordinator
 * reads from the table's snapshots which control-topic offsets were committed already and leaves
 * their files out.
 */
final class RetryableCommitTable extends BaseTable {
  private static final Logger LOG = LoggerFactory.getLogger(RetryableCommitTable.class);

  /** The snapshot property the Iceberg sink's coordinator marks each of its commits with. */
  static final String COMMIT_ID = "kafka.connect.commit-id";

  private static final int SNAPSHOTS_SEARCHED = 20;

  private final TableIdentifier identifier;
  private final CommitObserver observer;

  private RetryableCommitTable(
      BaseTable table, TableIdentifier identifier, CommitObserver observer) {
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

  /**
   * The snapshot on the branch that carries this commit id, looked for among the newest few:
   * another writer may have committed after ours. The table's metadata is the one the commit left
   * behind, so this asks the catalog nothing.
   */
  private Snapshot madeBy(String commitId, String branch) {
    Snapshot snapshot = snapshot(branch);
    for (int i = 0; snapshot != null && i < SNAPSHOTS_SEARCHED; i++) {
      if (commitId == null || commitId.equals(snapshot.summary().get(COMMIT_ID))) {
        return snapshot;
      }
      snapshot = snapshot.parentId() == null ? null : snapshot(snapshot.parentId());
    }
    LOG.warn(
        "Committed to {}, but found no snapshot of commit {} among the newest {} of branch" + " {}",
        name(),
        commitId,
        SNAPSHOTS_SEARCHED,
        branch);
    return null;
  }

  @Override
  public AppendFiles newAppend() {
    return new RetryableAppend(super.newAppend());
  }

  /** Notes what is appended, for the observer. */
  private final class RetryableAppend implements AppendFiles {
    private final AppendFiles append;
    private final AppendedFiles files = new AppendedFiles(RetryableCommitTable.this);
    private String branch = SnapshotRef.MAIN_BRANCH;
    private String commitId;

    RetryableAppend(AppendFiles append) {
      this.append = append;
    }

    @Override
    public void commit() {
      try {
        append.commit();
        observer.committed(committed());
      } catch (CommitStateUnknownException e) {
        throw new CommitFailedException(
            e,
            "The commit to %s may or may not have happened (%s);"
                + " the next round finds out from the table's snapshots and commits what is"
                + " missing",
            name(),
            e.getMessage());
      } catch (RuntimeException e) {
        if (StorageFailures.passing(e)) {
          throw new CommitFailedException(
              e,
              "The object store did not take a file of the"
                  + " commit to %s (%s); the next round tries again",
              name(),
              e);
        }
        throw e;
      }
    }

    @Override
    public AppendFiles appendFile(DataFile file) {
      append.appendFile(file);
      files.add(file);
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
      if (COMMIT_ID.equals(property)) {
        commitId = value;
      }
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
      this.branch = branch;
      return this;
    }

    @Override
    public AppendFiles validateWith(SnapshotAncestryValidator validator) {
      append.validateWith(validator);
      return this;
    }

    private TableCommit committed() {
      Snapshot snapshot = madeBy(commitId, branch);
      return new TableCommit(
          identifier,
          snapshot == null ? null : snapshot.snapshotId(),
          snapshot == null ? null : snapshot.sequenceNumber(),
          snapshot == null ? null : snapshot.timestampMillis(),
          files.rows(),
          files.files(),
          files.days(),
          files.minTimestampMicros(),
          files.maxTimestampMicros());
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
