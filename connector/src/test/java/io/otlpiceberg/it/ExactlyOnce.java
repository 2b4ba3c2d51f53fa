package io.otlpiceberg.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.otlpiceberg.stack.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;

/**
 * What a fault may not do to a table: lose a row, store one twice, or commit a data file twice.
 * Rows are told apart by content ({@code trace_id}, {@code span_id}).
 */
final class ExactlyOnce {
  private ExactlyOnce() {}

  /** What a check found, for the fault matrix. */
  record Found(long rows, long distinct, int snapshots, long lastCommitMillis) {
    long duplicates() {
      return rows - distinct;
    }
  }

  /**
   * Waits until the traces table holds {@code spans} rows, waits one more commit round (late
   * duplicates would land now), then checks rows and data files.
   */
  static Found assertSpans(Catalog catalog, String ns, long spans, Duration wait) throws Exception {
    return assertSpans(catalog, ns, spans, wait, List.of(), () -> {});
  }

  /**
   * As {@link #assertSpans(Catalog, String, long, Duration)}, for a traces table that was dropped
   * on the way: the rows are those of the dropped tables' last states and of the current one.
   *
   * @param dropped each earlier traces table as it was when dropped
   * @param stillRunning throws {@link Poll.GiveUp} when waiting cannot help (the task FAILED), so a
   *     broken run fails at once instead of at the deadline
   */
  static Found assertSpans(
      Catalog catalog,
      String ns,
      long spans,
      Duration wait,
      List<Table> dropped,
      Check stillRunning)
      throws Exception {
    long inDropped = 0;
    for (Table table : dropped) {
      inDropped += Tables.rows(table).size();
    }
    long before = inDropped;
    Poll.until(
        spans + " spans in " + ns + ".traces",
        wait,
        () -> {
          stillRunning.run();
          return before + Tables.count(catalog, ns, "traces");
        },
        n -> n >= spans);
    Thread.sleep(3_000);
    List<Table> tables = new ArrayList<>(dropped);
    tables.add(Tables.load(catalog, ns, "traces"));
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, Integer> filesAdded = new HashMap<>();
    long lastCommit = 0;
    int snapshots = 0;
    for (Table table : tables) {
      rows.addAll(Tables.rows(table));
      for (Snapshot snapshot : table.snapshots()) {
        snapshots++;
        lastCommit = Math.max(lastCommit, snapshot.timestampMillis());
        for (DataFile file : snapshot.addedDataFiles(table.io())) {
          filesAdded.merge(file.location(), 1, Integer::sum);
        }
      }
    }
    Map<String, Integer> byId = new HashMap<>();
    rows.forEach(r -> byId.merge(r.get("trace_id") + "/" + r.get("span_id"), 1, Integer::sum));
    Found found = new Found(rows.size(), byId.size(), snapshots, lastCommit);
    assertThat(byId.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey))
        .as("spans stored more than once (%s)", found)
        .isEmpty();
    assertThat(filesAdded.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey))
        .as("data files added by more than one snapshot")
        .isEmpty();
    assertThat(rows).as("rows (%s)", found).hasSize((int) spans);
    return found;
  }

  /** A check that may throw, between polls. */
  interface Check {
    void run() throws Exception;
  }

  /** The first commit at or after {@code millis}: when the table moved again after a fault. */
  static long firstCommitAfter(Catalog catalog, String ns, long millis) {
    Table table = Tables.load(catalog, ns, "traces");
    table.refresh();
    long first = Long.MAX_VALUE;
    for (Snapshot snapshot : table.snapshots()) {
      if (snapshot.timestampMillis() >= millis) {
        first = Math.min(first, snapshot.timestampMillis());
      }
    }
    return first;
  }
}
