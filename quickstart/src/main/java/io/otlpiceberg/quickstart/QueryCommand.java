package io.otlpiceberg.quickstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code query}: one SQL statement over the quickstart's tables, run by DuckDB (in this JVM, no
 * install) on the data files of each table's current snapshot, printed as a table. It reads the
 * data dir directly, so it works while the quickstart runs and after it stopped.
 */
final class QueryCommand {
  static final String USAGE =
      String.join(
          "\n",
          "Usage: java -jar quickstart/target/otlp-iceberg-quickstart.jar query [options] SQL",
          "",
          "Runs SQL (one statement; - reads it from standard input) in DuckDB over the quickstart's",
          "seven tables (traces, logs, metrics_gauge, metrics_sum, metrics_histogram,",
          "metrics_exponential_histogram, metrics_summary), as of their latest commit. The session",
          "time zone is UTC. Example:",
          "  query \"SELECT service_name, count(*) AS spans FROM traces GROUP BY 1 ORDER BY 2 DESC\"",
          "",
          "Options:",
          "  --data-dir DIR   the quickstart's data dir (default ./otlp-iceberg-quickstart-data)",
          "  --max-rows N     rows to print (default 100)",
          "  --help");

  private final Path dataDir;
  private final int maxRows;
  private final String sql;

  private QueryCommand(Path dataDir, int maxRows, String sql) {
    this.dataDir = dataDir;
    this.maxRows = maxRows;
    this.sql = sql;
  }

  /** Returns the exit code: 0 answered, 1 the query or the data dir is wrong, 2 bad usage. */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    QueryCommand command;
    try {
      command = parse(args, in);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    }
    if (command == null) {
      out.println(USAGE);
      return 0;
    }
    try {
      command.execute(out);
      return 0;
    } catch (Exception e) {
      // DuckDB's SQLException names what is wrong: the table or column, with a suggestion.
      err.println("query failed: " + e.getMessage());
      return 1;
    }
  }

  private static QueryCommand parse(String[] args, InputStream in) {
    Path dataDir = Path.of("otlp-iceberg-quickstart-data");
    int maxRows = 100;
    List<String> sql = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          return null;
        }
        case "--data-dir" -> dataDir = Path.of(Quickstart.Options.next(args, ++i, "--data-dir"));
        case "--max-rows" ->
            maxRows =
                Quickstart.Options.positive(
                    Quickstart.Options.next(args, ++i, "--max-rows"), "--max-rows");
        default -> sql.add(args[i]);
      }
    }
    String text = String.join(" ", sql).strip();
    if (text.equals("-")) {
      try {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("Cannot read SQL from standard input: " + e);
      }
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException("query: no SQL given");
    }
    return new QueryCommand(dataDir.toAbsolutePath().normalize(), maxRows, text);
  }

  private void execute(PrintStream out) throws Exception {
    try (CommittedTables tables = CommittedTables.open(dataDir, namespace());
        Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duckdb.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      tables.defineViews(duckdb);
      if (statement.execute(sql)) {
        ResultTable.print(statement.getResultSet(), maxRows, out);
      } else {
        out.println("(done; " + Math.max(statement.getUpdateCount(), 0) + " rows changed)");
      }
    }
  }

  /** The namespace the quickstart's connector writes to: config-examples/local.json's. */
  private static String namespace() throws java.io.IOException {
    return new ObjectMapper()
        .readTree(Quickstart.resource("local.json"))
        .path("config")
        .path("otlp.namespace")
        .asText("otel");
  }
}
