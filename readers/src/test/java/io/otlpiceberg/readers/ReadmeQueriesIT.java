package io.otlpiceberg.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README's queries, verbatim, in the engines they are written for, against tables the connector
 * wrote: yesterday's and the last half hour's telemetry, so that every query has rows to find. Each
 * answer is compared with what the written telemetry says it must be.
 */
class ReadmeQueriesIT {
  private static final String S3_TABLES_PREFIX = "\"s3tablescatalog/telemetry\".\"otel\".";

  private static Path work;
  private static QueriedTelemetry telemetry;
  private static WrittenTables tables;

  @BeforeAll
  static void writeTables() throws Exception {
    work =
        Path.of(System.getProperty("otlp.readers.workDir", "target/it-work"))
            .resolve("readme-" + System.currentTimeMillis());
    Files.createDirectories(work);
    telemetry = QueriedTelemetry.around(Instant.now());
    tables = WrittenTables.write(telemetry, work);
  }

  @Test
  void sparkSqlSectionAnswersEveryQuestion() throws Exception {
    ReadmeSection section = ReadmeSection.read("Spark SQL");
    assertThat(section.shellBlocks()).as("the spark-sql command").hasSize(1);
    try (SparkSql spark = SparkSql.open(section.shellBlocks().get(0), tables, work)) {
      answerEveryQuestion(section.sqlBlocks(), spark::query, questions().inOrder());
    }
  }

  /**
   * Trino's SQL is Athena's: the Athena section's queries run here with its S3 Tables catalog
   * replaced by Trino's, as the section itself says to do.
   */
  @Test
  void trinoAndAthenaSectionsAnswerEveryQuestion() throws Exception {
    List<String> queries = new ArrayList<>(ReadmeSection.read("Trino and Athena").sqlBlocks());
    for (String athena : ReadmeSection.read("Athena on S3 Tables").sqlBlocks()) {
      assertThat(athena).contains(S3_TABLES_PREFIX);
      queries.add(athena.replace(S3_TABLES_PREFIX, "iceberg.otel."));
    }
    try (TrinoServer trino = TrinoServer.start(tables, work)) {
      answerEveryQuestion(queries, trino::query, questions().inOrder());
    }
  }

  /**
   * DuckDB's queries through the quickstart's query mode, the way README's DuckDB section runs
   * them; its setup block (DuckDB's own extensions over the compose stack's MinIO) is left out: the
   * query mode makes the views itself, and the extensions are downloaded from DuckDB's site.
   */
  @Test
  void duckDbSectionAnswersItsQuestions() throws Exception {
    List<String> queries =
        ReadmeSection.read("DuckDB").sqlBlocks().stream()
            .filter(sql -> !sql.contains("INSTALL "))
            .toList();
    QuickstartQueryMode duckDb = new QuickstartQueryMode(tables, work);
    answerEveryQuestion(queries, duckDb::query, questions().duckDbInOrder());
  }

  private static ReadmeQuestions questions() {
    return new ReadmeQuestions(telemetry, tables.tracesRows());
  }

  private static void answerEveryQuestion(
      List<String> queries,
      Function<String, Answer> engine,
      List<BiConsumer<String, Answer>> checks) {
    assertThat(queries).as("one README query per question, in order").hasSameSizeAs(checks);
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      try {
        checks.get(i).accept(queries.get(i), engine.apply(queries.get(i)));
      } catch (AssertionError | RuntimeException e) {
        failed.add("query " + (i + 1) + ": " + e.getMessage());
      }
    }
    assertThat(failed).as("README queries whose answer is wrong").isEmpty();
  }
}
