package io.otlpiceberg.catalog;

/** Told of every append the commit coordinator makes, once it is committed. */
@FunctionalInterface
public interface CommitObserver {
  CommitObserver NONE = commit -> {};

  /**
   * Called on the coordinator's thread right after the commit; must not throw, and must not take
   * long: the next table's commit waits.
   */
  void committed(TableCommit commit);

  /** Both, this one first. */
  default CommitObserver andThen(CommitObserver next) {
    return commit -> {
      committed(commit);
      next.committed(commit);
    };
  }
}
