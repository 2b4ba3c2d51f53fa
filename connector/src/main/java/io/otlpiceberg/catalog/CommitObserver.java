package io.otlpiceberg.catalog;

import org.apache.iceberg.catalog.TableIdentifier;

/** Told of every append the commit coordinator makes, once it is committed. */
@FunctionalInterface
public interface CommitObserver {
  CommitObserver NONE = (table, rows) -> { };

  /** @param rows the rows of the data files the commit added */
  void committed(TableIdentifier table, long rows);
}
