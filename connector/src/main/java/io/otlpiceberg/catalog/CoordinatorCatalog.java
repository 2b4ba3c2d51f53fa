package io.otlpiceberg.catalog;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;

/**
 * The catalog as the Iceberg sink's commit coordinator sees it. In iceberg-kafka-connect 1.12.0 the
 * coordinator tries a failed commit again next round only for a {@link CommitFailedException}; any
 * other error ends its thread and fails the task for good, so a catalog that is unreachable for one
 * round (a restart, a network blip) would need a manual restart. Here a table that cannot be loaded
 * because the catalog is unreachable reads as what it is for the coordinator: a commit that failed
 * before changing anything. The round's data files and offsets stay pending and go in with the next
 * round that reaches the catalog. Appends that fail on the object store, or with an unknown
 * outcome, fail the same way ({@link RetryableCommitTable}).
 */
public final class CoordinatorCatalog implements Catalog {
  private final Catalog catalog;
  private final CommitObserver observer;

  /**
   * @param observer told of each append the coordinator commits
   */
  public CoordinatorCatalog(Catalog catalog, CommitObserver observer) {
    this.catalog = catalog;
    this.observer = observer;
  }

  @Override
  public Table loadTable(TableIdentifier identifier) {
    try {
      return RetryableCommitTable.of(catalog.loadTable(identifier), identifier, observer);
    } catch (RuntimeException e) {
      if (CatalogErrors.unreachable(e)) {
        throw new CommitFailedException(
            e,
            "Cannot load %s to commit it, the catalog %s is"
                + " unreachable: %s; the data files wait for the next round",
            identifier,
            catalog.name(),
            CatalogErrors.reason(e));
      }
      throw e;
    }
  }

  @Override
  public String name() {
    return catalog.name();
  }

  @Override
  public void initialize(String name, Map<String, String> properties) {
    catalog.initialize(name, properties);
  }

  @Override
  public List<TableIdentifier> listTables(Namespace namespace) {
    return catalog.listTables(namespace);
  }

  @Override
  public boolean dropTable(TableIdentifier identifier, boolean purge) {
    return catalog.dropTable(identifier, purge);
  }

  @Override
  public void renameTable(TableIdentifier from, TableIdentifier to) {
    catalog.renameTable(from, to);
  }

  @Override
  public boolean tableExists(TableIdentifier identifier) {
    return catalog.tableExists(identifier);
  }

  @Override
  public TableBuilder buildTable(TableIdentifier identifier, org.apache.iceberg.Schema schema) {
    return catalog.buildTable(identifier, schema);
  }
}
