package io.otlpiceberg.catalog;

import io.otlpiceberg.promote.Promotions;
import io.otlpiceberg.tables.OtlpTable;
import java.util.Arrays;
import java.util.function.Function;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the namespace and the seven tables exist before the first row is written, with every
 * column the connector writes: the Iceberg sink, routing dynamically, silently drops rows for a
 * table it cannot find. Tables are created from {@link OtlpTable} (schema, day(timestamp)
 * partitioning, sort order, format v2, zstd); existing ones only get the columns they lack ({@link
 * SchemaEvolution}). Several tasks may start at once: losing a creation race is success. Catalogs
 * do not all say so with {@link AlreadyExistsException}: the Iceberg REST catalog on a JDBC store
 * answers a concurrent insert of the same namespace with a server error. So a failed create is a
 * lost race when the namespace or table exists afterwards, and an error otherwise.
 */
public final class TableBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(TableBootstrap.class);

  private final Catalog catalog;
  private final Promotions promotions;

  /** Tables with the connector's columns only, no promoted ones. */
  public TableBootstrap(Catalog catalog) {
    this(catalog, Promotions.NONE);
  }

  /**
   * @param promotions the promoted columns the tables get beside the connector's own
   */
  public TableBootstrap(Catalog catalog, Promotions promotions) {
    this.catalog = catalog;
    this.promotions = promotions;
  }

  /**
   * @param identifiers where each table lives
   * @param create whether missing tables (and the namespace) may be created; if not, a missing
   *     table is an error
   */
  public void ensureTables(Function<OtlpTable, TableIdentifier> identifiers, boolean create) {
    for (OtlpTable table : OtlpTable.values()) {
      ensureTable(table, identifiers.apply(table), create);
    }
  }

  /**
   * As {@link #ensureTables}, for one table. A table that exists gets the columns of the
   * connector's schema it lacks, when the connector may manage its tables ({@code create}): {@link
   * SchemaEvolution}, additive only.
   */
  public void ensureTable(OtlpTable table, TableIdentifier id, boolean create) {
    if (catalog.tableExists(id)) {
      if (create) {
        SchemaEvolution.addMissingColumns(
            catalog.loadTable(id), promotions.schema(table).asStruct());
      }
      return;
    }
    if (!create) {
      throw missing(id);
    }
    ensureNamespace(id.namespace());
    createTable(table, id);
  }

  /** Names the namespace when it is what is missing: a user then creates it before any table. */
  private ConnectException missing(TableIdentifier id) {
    Namespace namespace = id.namespace();
    if (catalog instanceof SupportsNamespaces namespaces
        && !namespace.isEmpty()
        && !namespaces.namespaceExists(namespace)) {
      return new ConnectException(
          String.format(
              "Namespace %s does not exist in catalog %s (with GlueCatalog: the Glue database), so"
                  + " neither does table %s, and otlp.tables.create=false: create the namespace and"
                  + " the seven tables, or set otlp.tables.create=true to let the connector create"
                  + " them",
              namespace, catalog.name(), id));
    }
    return new ConnectException(
        String.format(
            "Table %s does not exist in catalog %s and otlp.tables.create=false: create it, or set"
                + " otlp.tables.create=true to let the connector create it",
            id, catalog.name()));
  }

  /**
   * Creates each missing level, parents first: some catalogs refuse a child of a missing parent.
   */
  private void ensureNamespace(Namespace namespace) {
    if (!(catalog instanceof SupportsNamespaces) || namespace.isEmpty()) {
      return;
    }
    SupportsNamespaces namespaces = (SupportsNamespaces) catalog;
    String[] levels = namespace.levels();
    for (int depth = 1; depth <= levels.length; depth++) {
      Namespace level = Namespace.of(Arrays.copyOf(levels, depth));
      if (namespaces.namespaceExists(level)) {
        continue;
      }
      try {
        namespaces.createNamespace(level);
        LOG.info("Created namespace {} in catalog {}", level, catalog.name());
      } catch (AlreadyExistsException e) {
        LOG.debug("Namespace {} was created concurrently", level);
      } catch (RuntimeException e) {
        if (!namespaces.namespaceExists(level)) {
          throw e;
        }
        LOG.info(
            "Namespace {} was created concurrently (catalog {} answered: {})",
            level,
            catalog.name(),
            e.getMessage());
      }
    }
  }

  private void createTable(OtlpTable table, TableIdentifier id) {
    try {
      catalog
          .buildTable(id, promotions.schema(table))
          .withPartitionSpec(table.partitionSpec())
          .withSortOrder(table.sortOrder())
          .withProperties(table.tableProperties())
          .create();
      LOG.info("Created table {} in catalog {}", id, catalog.name());
    } catch (AlreadyExistsException e) {
      LOG.debug("Table {} was created concurrently", id);
    } catch (RuntimeException e) {
      if (!catalog.tableExists(id)) {
        throw e;
      }
      LOG.info(
          "Table {} was created concurrently (catalog {} answered: {})",
          id,
          catalog.name(),
          e.getMessage());
    }
  }
}
