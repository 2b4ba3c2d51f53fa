package io.otlpiceberg.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otlpiceberg.decode.Signal;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a {@link DecodeBenchmark} run (JMH's {@code -rf json} output) per signal: bytes and rows
 * per request, MiB/s and rows/s of each benchmark, and its cost relative to protobuf-java's plain
 * parse of the same request in the same run. Figures are medians of the measurement iterations,
 * which a noisy machine's stray slow iteration does not drag (JMH's own table shows means). With
 * {@code -prof gc} it also shows bytes allocated per request.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.otlpiceberg.bench.Report benchmarks/target/jmh.json
 * </pre>
 */
public final class Report {
  private static final double MIB = 1024.0 * 1024.0;

  /**
   * The target of the issue: decode-to-rows of protobuf at most this many times the plain parse.
   */
  private static final double TARGET = 3.0;

  private Report() {}

  public static void main(String[] args) throws IOException {
    File file = new File(args.length > 0 ? args[0] : "benchmarks/target/jmh.json");
    if (!file.isFile() && args.length == 0) {
      file = new File("target/jmh.json");
    }
    Map<String, Result> results = read(file);
    PrintStream out = System.out;
    out.println(
        "Median of the measurement iterations (range: fastest to slowest); ratios are of medians,");
    out.println(
        "against parse-only of the same signal in the same run. MiB/s of the bytes given (protobuf");
    out.println("for parse-only and decode proto, OTLP/JSON for decode json).");
    out.println();
    out.printf(
        Locale.ROOT,
        "%-8s %-13s %9s %5s %9s %17s %7s %9s %9s %11s%n",
        "signal",
        "benchmark",
        "bytes/req",
        "rows",
        "µs/req",
        "range µs",
        "MiB/s",
        "rows/s",
        "× parse",
        "alloc B/req");
    boolean over = false;
    int compared = 0;
    for (Signal signal : Signal.values()) {
      String name = signal.name().toLowerCase(Locale.ROOT);
      Input input = Input.of(signal);
      Result parse = results.get("parseOnly_" + name);
      Result proto = results.get("decodeToRows_" + name + "_proto");
      Result json = results.get("decodeToRows_" + name + "_json");
      line(out, name, "parse-only", input.proto.length, input.rows, parse, parse);
      line(out, name, "decode proto", input.proto.length, input.rows, proto, parse);
      line(out, name, "decode json", input.json.length, input.rows, json, parse);
      if (proto != null && parse != null) {
        compared++;
        over |= proto.median / parse.median > TARGET;
      }
    }
    out.printf(
        Locale.ROOT,
        "%nTarget: decode proto ≤ %.0f× parse-only: %s%n",
        TARGET,
        compared == 0
            ? "no signal measured"
            : over
                ? "MISSED for at least one signal"
                : "met for the " + compared + " signal(s) measured");
  }

  private static void line(
      PrintStream out,
      String signal,
      String benchmark,
      int bytes,
      int rows,
      Result result,
      Result parse) {
    if (result == null) {
      out.printf(
          Locale.ROOT, "%-8s %-13s %9d %5d %9s%n", signal, benchmark, bytes, rows, "(not run)");
      return;
    }
    String range = String.format(Locale.ROOT, "%.0f–%.0f", result.min * 1e6, result.max * 1e6);
    String ratio =
        parse == null ? "" : String.format(Locale.ROOT, "%.2f", result.median / parse.median);
    String alloc =
        Double.isNaN(result.allocBytes)
            ? ""
            : String.format(Locale.ROOT, "%.0f", result.allocBytes);
    out.printf(
        Locale.ROOT,
        "%-8s %-13s %9d %5d %9.1f %17s %7.1f %9.0f %9s %11s%n",
        signal,
        benchmark,
        bytes,
        rows,
        result.median * 1e6,
        range,
        bytes / result.median / MIB,
        rows / result.median,
        ratio,
        alloc);
  }

  /** Seconds per request of each iteration, for each benchmark method, whatever mode it ran in. */
  private static Map<String, Result> read(File file) throws IOException {
    JsonNode runs = new ObjectMapper().readTree(file);
    Map<String, Result> results = new HashMap<>();
    for (JsonNode run : runs) {
      String benchmark = run.path("benchmark").asText();
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      JsonNode primary = run.path("primaryMetric");
      String unit = primary.path("scoreUnit").asText();
      List<Double> seconds = new ArrayList<>();
      for (JsonNode fork : primary.path("rawData")) {
        for (JsonNode iteration : fork) {
          seconds.add(secondsPerOp(iteration.asDouble(), unit, benchmark));
        }
      }
      if (seconds.isEmpty()) {
        seconds.add(secondsPerOp(primary.path("score").asDouble(), unit, benchmark));
      }
      double alloc = Double.NaN;
      for (Map.Entry<String, JsonNode> metric : run.path("secondaryMetrics").properties()) {
        if (metric.getKey().replace("·", "").equals("gc.alloc.rate.norm")) {
          alloc = metric.getValue().path("score").asDouble();
        }
      }
      results.put(method, new Result(seconds, alloc));
    }
    return results;
  }

  private static double secondsPerOp(double score, String unit, String benchmark) {
    if (unit.endsWith("/op")) { // time per operation
      return score * seconds(unit.substring(0, unit.length() - 3));
    }
    if (unit.startsWith("ops/")) { // throughput
      return seconds(unit.substring(4)) / score;
    }
    throw new IllegalArgumentException(benchmark + ": unexpected unit " + unit);
  }

  private static double seconds(String unit) {
    switch (unit) {
      case "s":
        return 1;
      case "ms":
        return 1e-3;
      case "us":
        return 1e-6;
      case "ns":
        return 1e-9;
      case "min":
        return 60;
      default:
        throw new IllegalArgumentException("unexpected time unit " + unit);
    }
  }

  private static final class Result {
    final double median;
    final double min;
    final double max;
    final double allocBytes;

    Result(List<Double> seconds, double allocBytes) {
      Collections.sort(seconds);
      int n = seconds.size();
      this.median =
          n % 2 == 1 ? seconds.get(n / 2) : (seconds.get(n / 2 - 1) + seconds.get(n / 2)) / 2;
      this.min = seconds.get(0);
      this.max = seconds.get(n - 1);
      this.allocBytes = allocBytes;
    }
  }
}
