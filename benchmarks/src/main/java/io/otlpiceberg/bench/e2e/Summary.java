package io.otlpiceberg.bench.e2e;

import static io.otlpiceberg.bench.e2e.StackRun.JSON;
import static io.otlpiceberg.bench.e2e.StackRun.MIB;
import static io.otlpiceberg.bench.e2e.StackRun.round;

import io.otlpiceberg.bench.e2e.EndToEnd.Build;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table at the end of {@link EndToEnd}'s output, and each later build's ratios to the first.
 */
final class Summary {
  private final EndToEnd.Options options;
  private final InputSet input;
  private final PrintStream out;
  private final List<Map<String, Object>> results;

  Summary(
      EndToEnd.Options options,
      InputSet input,
      PrintStream out,
      List<Map<String, Object>> results) {
    this.options = options;
    this.input = input;
    this.out = out;
    this.results = results;
  }

  void print() throws Exception {
    out.println();
    out.println(
        "=== summary ("
            + input.count()
            + " requests, "
            + String.format("%.1f MiB", input.bytes() / MIB)
            + ", "
            + Arrays.stream(input.rowsPerTable()).sum()
            + " rows; commit interval "
            + options.commitIntervalMs
            + " ms; "
            + options.tasks
            + " task(s) / partition(s)) ===");
    if (!options.latency()) {
      out.printf(
          "%-28s %6s %9s %9s %10s %10s %9s %9s %8s %8s %8s %8s%n",
          "run",
          "build",
          "cons MiB/s",
          "comm MiB/s",
          "cons rows/s",
          "comm rows/s",
          "cons s",
          "comm s",
          "CPU s/GiB",
          "heapMax",
          "heapAft",
          "pause ms");
      for (Map<String, Object> r : results) {
        if (r.containsKey("error")) {
          out.printf("%-28s %6s FAILED %s%n", r.get("run"), r.get("build"), r.get("error"));
          continue;
        }
        out.printf(
            "%-28s %6s %9.2f %9.2f %10d %10d %9.1f %9.1f %8.1f %8d %8d %8.1f%n",
            r.get("run"),
            r.get("build"),
            r.get("consumed_mib_s"),
            r.get("committed_mib_s"),
            r.get("consumed_rows_s"),
            r.get("committed_rows_s"),
            r.get("consumed_s"),
            r.get("committed_s"),
            r.get("worker_cpu_s_per_gib"),
            r.get("heap_max_before_gc_mib"),
            r.get("heap_max_after_gc_mib"),
            r.get("gc_max_pause_ms"));
      }
      if (options.builds.size() > 1) {
        String base = options.builds.get(0).label();
        for (Build b : options.builds.subList(1, options.builds.size())) {
          for (String metric :
              List.of("consumed_mib_s", "committed_mib_s", "steady_committed_mib_s")) {
            List<Double> ratios = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (int rep = 1; rep <= options.repeats; rep++) {
              Double x = value(b.label(), rep, metric);
              Double y = value(base, rep, metric);
              if (x != null && y != null && y > 0) {
                ratios.add(x / y);
                line.append(String.format(" repeat %d: %.2f", rep, x / y));
              }
            }
            double median = median(ratios);
            out.printf("ratio %s/%s %s:%s; median %.2f%n", b.label(), base, metric, line, median);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("ratio", b.label() + "/" + base);
            j.put("metric", metric);
            j.put("per_repeat", ratios.stream().map(StackRun::round).toList());
            j.put("median", round(median));
            out.println("E2E-RATIO " + JSON.writeValueAsString(j));
          }
        }
      }
    } else {
      for (Map<String, Object> r : results) {
        out.printf(
            "%-28s %6s sent %s MiB/s; latency by snapshot ts %s; by 250 ms poll %s%s%n",
            r.get("run"),
            r.get("build"),
            r.get("sent_mib_s"),
            r.get("latency_snapshot_ms"),
            r.get("latency_polled_ms"),
            r.containsKey("error") ? " FAILED " + r.get("error") : "");
      }
    }
  }

  private Double value(String build, int repeat, String metric) {
    for (Map<String, Object> r : results) {
      if (build.equals(r.get("build"))
          && Integer.valueOf(repeat).equals(r.get("repeat"))
          && r.get(metric) instanceof Number n) {
        return n.doubleValue();
      }
    }
    return null;
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> v = new ArrayList<>(values);
    v.sort(null);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }
}
