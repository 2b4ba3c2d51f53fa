package io.otlpiceberg.bench.write;

import io.otlpiceberg.decode.Signal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.iceberg.DataFile;

/**
 * The write-path benchmark: the three paths of {@link WritePaths} over the same varied requests,
 * one signal at a time, <b>interleaved</b>: every round times each path once, in a rotating order,
 * so a shared machine's changing load falls on all three alike, and the ratios are taken round by
 * round (median of the rounds). Time is the process's CPU time ({@link PassTimer}). Per path it
 * reports rows/s and MiB/s of OTLP protobuf input per CPU second (median), wall time, bytes per row
 * of the files written, bytes allocated per row (the thread's own allocation counter), and ours
 * against the floor and against the stock path.
 *
 * <pre>
 * java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar io.otlpiceberg.bench.write.WriteBench \
 *     [--signals traces,logs,metrics] [--requests 100] [--rounds 12] [--warmup 4] \
 *     [--table-props key=value,...] [--stock-without-column-settings]
 * </pre>
 *
 * {@code --table-props} are set on the tables of all three paths (experiments with Parquet
 * settings); without it the tables have the connector's own properties. By default all three paths
 * write tables with the same properties; {@code --stock-without-column-settings} gives the stock
 * path's tables only the common ones (format, zstd), as a stock sink's user has them.
 */
public final class WriteBench {
  private static final double MIB = 1024.0 * 1024.0;
  private static final List<String> PATHS =
      List.of(WritePaths.OURS, WritePaths.FLOOR, WritePaths.STOCK);

  private WriteBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    List<Signal> signals = new ArrayList<>();
    for (String name : options.getOrDefault("signals", "traces,logs,metrics").split(",")) {
      signals.add(Signal.valueOf(name.trim().toUpperCase(Locale.ROOT)));
    }
    int requests = Integer.parseInt(options.getOrDefault("requests", "100"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "12"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "4"));
    Map<String, String> props = TableProps.parse(options.getOrDefault("table-props", ""));
    boolean stockUntuned = options.containsKey("stock-without-column-settings");

    System.out.printf(
        Locale.ROOT,
        "%d requests of 500 rows per pass, %d warm-up and %d measured"
            + " rounds per signal, paths interleaved; table properties: %s%s%n%n",
        requests,
        warmup,
        rounds,
        props.isEmpty() ? "the connector's" : "the connector's, then " + props,
        stockUntuned ? " (stock: without the per-column settings)" : "");
    System.out.printf(
        Locale.ROOT,
        "%-8s %-6s %10s %8s %9s %9s %11s %11s %10s %10s%n",
        "signal",
        "path",
        "rows/s",
        "MiB/s",
        "cpu ms",
        "wall ms",
        "file B/row",
        "alloc B/row",
        "ours/floor",
        "ours/stock");
    List<String> json = new ArrayList<>();
    try (WritePaths paths = new WritePaths("bench", props, stockUntuned)) {
      for (Signal signal : signals) {
        WriteInput input = new WriteInput(signal, requests, WritePaths.STOCK);
        Map<String, Function<WriteInput, List<DataFile>>> run = new LinkedHashMap<>();
        run.put(WritePaths.OURS, paths::ours);
        run.put(WritePaths.FLOOR, paths::floor);
        run.put(WritePaths.STOCK, paths::stock);
        Map<String, double[]> nanos = new LinkedHashMap<>();
        Map<String, double[]> wall = new LinkedHashMap<>();
        PassTimer timer = new PassTimer();
        Map<String, long[]> allocated = new LinkedHashMap<>();
        Map<String, Long> fileBytes = new LinkedHashMap<>();
        for (String path : PATHS) {
          nanos.put(path, new double[rounds]);
          wall.put(path, new double[rounds]);
          allocated.put(path, new long[rounds]);
        }
        for (int round = -warmup; round < rounds; round++) {
          for (int k = 0; k < PATHS.size(); k++) {
            String path = PATHS.get(Math.floorMod(round + k, PATHS.size()));
            Function<WriteInput, List<DataFile>> pass = run.get(path);
            List<DataFile> files = timer.time(() -> pass.apply(input));
            long rows = files.stream().mapToLong(DataFile::recordCount).sum();
            if (rows != input.rows) {
              throw new IllegalStateException(path + " wrote " + rows + " rows of " + input.rows);
            }
            fileBytes.putIfAbsent(path, files.stream().mapToLong(DataFile::fileSizeInBytes).sum());
            paths.delete(files);
            if (round >= 0) {
              nanos.get(path)[round] = timer.cpuNanos;
              wall.get(path)[round] = timer.wallNanos;
              allocated.get(path)[round] = timer.allocatedBytes;
            }
          }
        }
        double oursFloor = medianRatio(nanos.get(WritePaths.FLOOR), nanos.get(WritePaths.OURS));
        double oursStock = medianRatio(nanos.get(WritePaths.STOCK), nanos.get(WritePaths.OURS));
        String label = signal.label();
        StringBuilder line =
            new StringBuilder(
                "{\"signal\":\""
                    + label
                    + "\",\"rows\":"
                    + input.rows
                    + ",\"protobufBytes\":"
                    + input.protobufBytes);
        for (String path : PATHS) {
          double ms = median(nanos.get(path)) / 1e6;
          double wallMs = median(wall.get(path)) / 1e6;
          double rowsPerSecond = input.rows / ms * 1000;
          double mibPerSecond = input.protobufBytes / MIB / ms * 1000;
          double fileBytesPerRow = fileBytes.get(path) / (double) input.rows;
          double allocPerRow = median(allocated.get(path)) / input.rows;
          boolean ours = path.equals(WritePaths.OURS);
          System.out.printf(
              Locale.ROOT,
              "%-8s %-6s %10.0f %8.1f %9.1f %9.1f %11.1f %11.0f %10s %10s%n",
              label,
              path,
              rowsPerSecond,
              mibPerSecond,
              ms,
              wallMs,
              fileBytesPerRow,
              allocPerRow,
              ours ? String.format(Locale.ROOT, "%.2f", oursFloor) : "",
              ours ? String.format(Locale.ROOT, "%.2f", oursStock) : "");
          line.append(
              String.format(
                  Locale.ROOT,
                  ",\"%s\":{\"rowsPerSecond\":%.0f,"
                      + "\"mibPerSecond\":%.2f,\"cpuMsPerPass\":%.1f,\"wallMsPerPass\":%.1f,"
                      + "\"fileBytesPerRow\":%.1f,\"allocBytesPerRow\":%.0f}",
                  path,
                  rowsPerSecond,
                  mibPerSecond,
                  ms,
                  wallMs,
                  fileBytesPerRow,
                  allocPerRow));
        }
        line.append(
            String.format(
                Locale.ROOT,
                ",\"oursOverFloor\":%.3f,\"oursOverStock\":%.3f}",
                oursFloor,
                oursStock));
        json.add(line.toString());
      }
    }
    System.out.println();
    System.out.println(
        "rows/s and MiB/s per CPU second of the process (one core); ours/floor and"
            + " ours/stock: the other path's CPU time over ours, per round, median of the rounds"
            + " (above 1: ours is faster)");
    json.forEach(System.out::println);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double median(long[] values) {
    return median(Arrays.stream(values).asDoubleStream().toArray());
  }

  private static double medianRatio(double[] numerator, double[] denominator) {
    double[] ratios = new double[numerator.length];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = numerator[i] / denominator[i];
    }
    return median(ratios);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--stock-without-column-settings")) {
        options.put(args[i].substring(2), "true");
        continue;
      }
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "Usage: WriteBench [--signals traces,logs,metrics]"
                + " [--requests N] [--rounds N] [--warmup N] [--table-props k=v,...]"
                + " [--stock-without-column-settings]; at "
                + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }
}
