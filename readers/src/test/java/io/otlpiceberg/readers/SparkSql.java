package io.otlpiceberg.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark SQL in this JVM, with README's session settings and its catalog {@code iceberg} opened on
 * the quickstart's tables. README's catalog is the compose stack's REST service on MinIO; here it
 * is a JDBC catalog on a copy of the sqlite file behind the quickstart's REST catalog, the copy's
 * rows renamed to {@code iceberg} (a JDBC catalog finds only rows carrying its own name).
 */
final class SparkSql implements AutoCloseable {
  private static final Pattern CONF = Pattern.compile("--conf (\\S+?)=(\\S+)");

  /** README's settings that point at the compose stack; the rest apply here unchanged. */
  private static final Pattern STACK_SPECIFIC =
      Pattern.compile("spark\\.sql\\.catalog\\.iceberg\\.(type|uri|io-impl|s3\\..*)");

  private final SparkSession spark;

  private SparkSql(SparkSession spark) {
    this.spark = spark;
  }

  static SparkSql open(String readmeCommand, WrittenTables tables, Path workDir) throws Exception {
    Path catalog = workDir.resolve("spark-catalog.sqlite");
    Files.copy(tables.catalogFile(), catalog);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + catalog);
        Statement s = c.createStatement()) {
      for (String table : List.of("iceberg_tables", "iceberg_namespace_properties")) {
        s.executeUpdate(
            "UPDATE "
                + table
                + " SET catalog_name = 'iceberg' WHERE catalog_name = '"
                + WrittenTables.catalogName()
                + "'");
      }
    }
    SparkSession.Builder builder =
        SparkSession.builder()
            .master("local[2]")
            .appName("otlp-iceberg README queries")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "4")
            .config(
                "spark.sql.warehouse.dir", workDir.resolve("spark-warehouse").toUri().toString())
            // Timestamps as Instant, so the answers compare with the telemetry's instants.
            .config("spark.sql.datetime.java8API.enabled", "true");
    Matcher conf = CONF.matcher(readmeCommand);
    List<String> taken = new ArrayList<>();
    while (conf.find()) {
      if (!STACK_SPECIFIC.matcher(conf.group(1)).matches()) {
        builder.config(conf.group(1), conf.group(2));
        taken.add(conf.group(1));
      }
    }
    assertThat(taken)
        .as("README's spark-sql settings")
        .contains(
            "spark.sql.extensions", "spark.sql.session.timeZone", "spark.sql.catalog.iceberg");
    builder
        .config("spark.sql.catalog.iceberg.type", "jdbc")
        .config("spark.sql.catalog.iceberg.uri", "jdbc:sqlite:" + catalog)
        .config("spark.sql.catalog.iceberg.warehouse", tables.warehouse().toUri().toString());
    return new SparkSql(builder.getOrCreate());
  }

  Answer query(String sql) {
    Dataset<Row> result = spark.sql(sql);
    List<String> columns = Arrays.asList(result.columns());
    List<List<Object>> rows = new ArrayList<>();
    for (Row row : result.collectAsList()) {
      List<Object> cells = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        Object v = row.get(i);
        cells.add(
            v instanceof scala.collection.Map<?, ?> m
                ? new LinkedHashMap<>(scala.jdk.javaapi.CollectionConverters.asJava(m))
                : Answer.cell(v));
      }
      rows.add(cells);
    }
    return new Answer(columns, rows);
  }

  @Override
  public void close() {
    spark.stop();
  }
}
