package io.otlpiceberg.quickstart;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A query result as a table for a terminal: a header, aligned columns, long cells cut. */
final class ResultTable {
  static final int MAX_CELL = 60;
  private static final Set<Integer> NUMERIC =
      Set.of(
          Types.TINYINT,
          Types.SMALLINT,
          Types.INTEGER,
          Types.BIGINT,
          Types.FLOAT,
          Types.REAL,
          Types.DOUBLE,
          Types.DECIMAL,
          Types.NUMERIC);

  private ResultTable() {}

  /** Prints up to {@code maxRows} rows and how many there were. */
  static void print(ResultSet result, int maxRows, PrintStream out) throws SQLException {
    ResultSetMetaData meta = result.getMetaData();
    int columns = meta.getColumnCount();
    String[] header = new String[columns];
    boolean[] right = new boolean[columns];
    int[] widths = new int[columns];
    for (int c = 0; c < columns; c++) {
      header[c] = cell(meta.getColumnLabel(c + 1));
      right[c] = NUMERIC.contains(meta.getColumnType(c + 1));
      widths[c] = header[c].length();
    }
    List<String[]> rows = new ArrayList<>();
    long total = 0;
    while (result.next()) {
      total++;
      if (rows.size() < maxRows) {
        String[] row = new String[columns];
        for (int c = 0; c < columns; c++) {
          String value = text(result, c + 1);
          row[c] = value == null ? "NULL" : cell(value);
          widths[c] = Math.max(widths[c], row[c].length());
        }
        rows.add(row);
      }
    }
    out.println(line(header, widths, new boolean[columns]));
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < columns; c++) {
      rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
    }
    out.println(rule);
    rows.forEach(row -> out.println(line(row, widths, right)));
    out.println(
        total == rows.size()
            ? "(" + total + (total == 1 ? " row)" : " rows)")
            : "(" + total + " rows, the first " + rows.size() + " shown; --max-rows shows more)");
  }

  /**
   * A cell's text. Times always show their seconds: the JDBC driver gives a time with zero seconds
   * as {@code 2026-12-03T12:10Z}, which neither reads well nor parses as an instant.
   */
  private static String text(ResultSet result, int column) throws SQLException {
    Object value = result.getObject(column);
    if (value instanceof OffsetDateTime time) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }
    if (value instanceof LocalDateTime time) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time);
    }
    return result.getString(column);
  }

  /** One line per cell: newlines and tabs would break the table. */
  private static String cell(String value) {
    String flat = value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    return flat.length() <= MAX_CELL ? flat : flat.substring(0, MAX_CELL - 1) + "…";
  }

  private static String line(String[] cells, int[] widths, boolean[] right) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      String pad = " ".repeat(widths[c] - cells[c].length());
      line.append(c == 0 ? "" : " | ").append(right[c] ? pad + cells[c] : cells[c] + pad);
    }
    return line.toString().stripTrailing();
  }
}
