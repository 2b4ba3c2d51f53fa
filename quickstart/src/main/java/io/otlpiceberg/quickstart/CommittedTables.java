package io.otlpiceberg.quickstart;

import io.otlpiceberg.stack.LocalStack;
import io.otlpiceberg.stack.RestCatalogServer;
import io.otlpiceberg.tables.OtlpTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * The seven tables as DuckDB views over the data files of each table's current snapshot, which
 * Iceberg's own metadata lists: files of replaced snapshots are not read. The catalog is the sqlite
 * file the quickstart's REST catalog keeps, read directly, so it answers while the stack runs and
 * after it stopped.
 */
final class CommittedTables implements AutoCloseable {
  private final JdbcCatalog catalog;
  private final String namespace;

  private CommittedTables(JdbcCatalog catalog, String namespace) {
    this.catalog = catalog;
    this.namespace = namespace;
  }

  static CommittedTables open(Path dataDir, String namespace) {
    Path sqlite = RestCatalogServer.catalogFile(LocalStack.catalogDir(dataDir));
    if (!Files.isRegularFile(sqlite)) {
      throw new IllegalArgumentException(
          "No quickstart catalog at "
              + sqlite
              + ": run the"
              + " quickstart first, or pass the --data-dir it ran with");
    }
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize(
        RestCatalogServer.BACKEND_CATALOG_NAME,
        Map.of(
            CatalogProperties.URI,
            "jdbc:sqlite:" + sqlite,
            CatalogProperties.WAREHOUSE_LOCATION,
            LocalStack.warehouseDir(dataDir).toUri().toString(),
            CatalogProperties.FILE_IO_IMPL,
            LocalFileIO.class.getName(),
            // Read only: never create the catalog's own tables in the user's file.
            "jdbc.init-catalog-tables",
            "false"));
    return new CommittedTables(catalog, namespace);
  }

  /** One view per table, named as the table; a table without a snapshot is an empty view. */
  void defineViews(Connection duckdb) throws SQLException, IOException {
    try (Statement statement = duckdb.createStatement()) {
      for (OtlpTable otlpTable : OtlpTable.values()) {
        TableIdentifier id = TableIdentifier.of(namespace, otlpTable.tableName());
        String select;
        if (catalog.tableExists(id)) {
          Table table = catalog.loadTable(id);
          List<String> files = dataFiles(table);
          select = files.isEmpty() ? emptySelect(table.schema()) : readParquet(files);
        } else {
          select = emptySelect(otlpTable.schema());
        }
        statement.execute(
            "CREATE VIEW " + DuckDbTypes.quote(otlpTable.tableName()) + " AS " + select);
      }
    }
  }

  private static List<String> dataFiles(Table table) throws IOException {
    List<String> files = new ArrayList<>();
    if (table.currentSnapshot() == null) {
      return files;
    }
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        if (!task.deletes().isEmpty()) {
          // The connector only appends; a table someone changed needs a full Iceberg reader.
          throw new IllegalStateException(
              "Table "
                  + table.name()
                  + " has delete files, which"
                  + " the query mode does not apply: read it with Trino, Spark or PyIceberg");
        }
        files.add(LocalFileIO.path(task.file().location()).toString());
      }
    }
    return files;
  }

  /**
   * By name, not position, in case the schema grew between files; no columns from the {@code
   * timestamp_day=...} directories, which are Iceberg's partition layout, not data.
   */
  private static String readParquet(List<String> files) {
    return "SELECT * FROM read_parquet(["
        + files.stream()
            .map(f -> "'" + f.replace("'", "''") + "'")
            .collect(Collectors.joining(", "))
        + "], union_by_name = true, hive_partitioning = false)";
  }

  private static String emptySelect(Schema schema) {
    return "SELECT * FROM (SELECT "
        + schema.columns().stream()
            .map(
                c ->
                    "CAST(NULL AS "
                        + DuckDbTypes.of(c.type())
                        + ") AS "
                        + DuckDbTypes.quote(c.name()))
            .collect(Collectors.joining(", "))
        + ") WHERE false";
  }

  @Override
  public void close() throws IOException {
    catalog.close();
  }
}
