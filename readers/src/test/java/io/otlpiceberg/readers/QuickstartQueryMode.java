package io.otlpiceberg.readers;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * DuckDB as README's DuckDB section runs it: {@code java -jar otlp-iceberg-quickstart.jar query}
 * over the quickstart's data dir, one process per query. The answer is read back from the table the
 * command prints, as a user reads it: cells split on {@code " | "}, {@code NULL} as null, and typed
 * by their text (whole numbers, decimals, ISO instants), since the printout carries no types.
 */
final class QuickstartQueryMode {
  /**
   * DuckDB prints no leading zeros, and README's counts stay short of 16 digits: a span id ({@code
   * 0102030405060708}) made only of digits stays text.
   */
  private static final Pattern WHOLE = Pattern.compile("-?(0|[1-9]\\d{0,14})");

  private static final Pattern DECIMAL =
      Pattern.compile("(?i)-?\\d+\\.\\d+(e[-+]?\\d+)?|-?\\d+e[-+]?\\d+");

  /** The query mode prints a {@code timestamp with time zone} as an ISO-8601 instant. */
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");

  private final WrittenTables tables;
  private final Path workDir;
  private int queries;

  QuickstartQueryMode(WrittenTables tables, Path workDir) {
    this.tables = tables;
    this.workDir = workDir;
  }

  Answer query(String sql) {
    try {
      QuickstartJar.Run run =
          QuickstartJar.run(
              workDir.resolve("duckdb-query-" + (++queries) + ".txt"),
              120,
              "query",
              "--data-dir",
              tables.dataDir().toString(),
              "--max-rows",
              "100000",
              sql);
      if (run.exitCode() != 0) {
        throw new IllegalStateException(
            "the query mode exited with " + run.exitCode() + ":\n" + run.output());
      }
      return parse(run.output());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Header, rule, rows, then the "(N rows)" line. */
  static Answer parse(String printed) {
    List<String> lines = printed.lines().toList();
    if (lines.size() < 3 || !lines.get(1).matches("-[-+]*")) {
      throw new IllegalStateException("not a result table:\n" + printed);
    }
    List<String> columns =
        Arrays.stream(lines.get(0).split(" \\| ", -1)).map(String::strip).toList();
    List<List<Object>> rows = new ArrayList<>();
    for (String line : lines.subList(2, lines.size() - 1)) {
      String[] cells = line.split(" \\| ", -1);
      if (cells.length != columns.size()) {
        throw new IllegalStateException(
            "a row of " + cells.length + " cells under " + columns + ": " + line);
      }
      List<Object> row = new ArrayList<>();
      for (String cell : cells) {
        row.add(typed(cell.strip()));
      }
      rows.add(row);
    }
    String count = lines.get(lines.size() - 1);
    if (!count.equals("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"))) {
      throw new IllegalStateException("rows printed and counted differ: " + count);
    }
    return new Answer(columns, rows);
  }

  private static Object typed(String cell) {
    if (cell.equals("NULL")) {
      return null;
    }
    if (WHOLE.matcher(cell).matches()) {
      return Long.valueOf(cell);
    }
    if (DECIMAL.matcher(cell).matches()) {
      return Double.valueOf(cell);
    }
    if (TIMESTAMP.matcher(cell).matches()) {
      return Instant.parse(cell);
    }
    return cell;
  }
}
