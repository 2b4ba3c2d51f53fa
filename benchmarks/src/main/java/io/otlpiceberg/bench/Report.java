package io.otlpiceberg.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otlpiceberg.decode.Signal;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a {@link DecodeBenchmark} run (JMH's {@code -rf json} output) per signal: bytes and rows
 * per request, MiB/s and rows/s of each benchmark, and its cost relative to protobuf-java's plain
 * parse of the same request in the same run. With {@code -prof gc} it also shows bytes allocated
 * per request.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.otlpiceberg.bench.Report benchmarks/target/jmh.json</pre>
 */
public final class Report {
  private static final double MIB = 1024.0 * 1024.0;
  /** The target of the issue: decode-to-rows of protobuf at most this many times the plain parse. */
  private static final double TARGET = 3.0;

  private Report() {}

  public static void main(String[] args) throws IOException {
    File file = new File(args.length > 0 ? args[0] : "benchmarks/target/jmh.json");
    if (!file.isFile() && args.length == 0) {
      file = new File("target/jmh.json");
    }
    Map<String, Result> results = read(file);
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "%-8s %-16s %9s %6s %14s %9s %11s %13s %10s%n", "signal", "benchmark",
        "bytes/req", "rows", "µs/req", "MiB/s", "rows/s", "× parse-only", "alloc B/req");
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
        over |= proto.seconds / parse.seconds > TARGET;
      }
    }
    out.printf(Locale.ROOT, "%nTarget: decode proto ≤ %.0f× parse-only: %s%n", TARGET,
        compared == 0 ? "no signal measured"
            : over ? "MISSED for at least one signal"
            : "met for the " + compared + " signal(s) measured");
  }

  private static void line(PrintStream out, String signal, String benchmark, int bytes, int rows,
      Result result, Result parse) {
    if (result == null) {
      out.printf(Locale.ROOT, "%-8s %-16s %9d %6d %14s%n", signal, benchmark, bytes, rows,
          "(not run)");
      return;
    }
    String time = String.format(Locale.ROOT, "%.1f ± %.1f", result.seconds * 1e6,
        result.error * 1e6);
    String ratio = "";
    if (parse != null) {
      double r = result.seconds / parse.seconds;
      double relative = Math.hypot(relative(result), relative(parse));
      ratio = String.format(Locale.ROOT, "%.2f ± %.2f", r, r * relative);
    }
    String alloc = Double.isNaN(result.allocBytes) ? "" : String.format(Locale.ROOT, "%.0f",
        result.allocBytes);
    out.printf(Locale.ROOT, "%-8s %-16s %9d %6d %14s %9.1f %11.0f %13s %10s%n", signal, benchmark,
        bytes, rows, time, bytes / result.seconds / MIB, rows / result.seconds, ratio, alloc);
  }

  private static double relative(Result r) {
    return Double.isNaN(r.error) ? 0 : r.error / r.seconds;
  }

  /** Seconds per request (and its error) for each benchmark method, whatever mode it ran in. */
  private static Map<String, Result> read(File file) throws IOException {
    JsonNode runs = new ObjectMapper().readTree(file);
    Map<String, Result> results = new HashMap<>();
    for (JsonNode run : runs) {
      String benchmark = run.path("benchmark").asText();
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      JsonNode primary = run.path("primaryMetric");
      double score = primary.path("score").asDouble();
      double error = primary.path("scoreError").asDouble(Double.NaN);
      String unit = primary.path("scoreUnit").asText();
      double seconds;
      double secondsError;
      if (unit.endsWith("/op")) { // time per operation
        double scale = seconds(unit.substring(0, unit.length() - 3));
        seconds = score * scale;
        secondsError = error * scale;
      } else if (unit.startsWith("ops/")) { // throughput
        double scale = seconds(unit.substring(4));
        seconds = scale / score;
        secondsError = seconds * (error / score);
      } else {
        throw new IllegalArgumentException(benchmark + ": unexpected unit " + unit);
      }
      double alloc = Double.NaN;
      for (Map.Entry<String, JsonNode> metric : run.path("secondaryMetrics").properties()) {
        if (metric.getKey().replace("·", "").equals("gc.alloc.rate.norm")) {
          alloc = metric.getValue().path("score").asDouble();
        }
      }
      results.put(method, new Result(seconds, secondsError, alloc));
    }
    return results;
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
    final double seconds;
    final double error;
    final double allocBytes;

    Result(double seconds, double error, double allocBytes) {
      this.seconds = seconds;
      this.error = error;
      this.allocBytes = allocBytes;
    }
  }
}
