package io.otlpiceberg.bench.write;

import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.tables.OtlpTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Table settings side by side: the connector's own write path ({@code ours}) under several sets of
 * table properties, interleaved round by round, with the bytes per row each writes and the time of
 * a day-filtered read of the result (CPU milliseconds, {@link PassTimer}), so that a setting that
 * speeds up writing is seen beside what it costs in bytes and at query time.
 *
 * <pre>
 * java -Xms3g -Xmx3g -cp benchmarks/target/benchmarks.jar io.otlpiceberg.bench.write.ParquetSettings \
 *     --signal traces --variants 'now=;nodict=write.parquet.dict-encoding-enabled.column.trace_id=false'
 * </pre>
 *
 * The read scans one day of the table (Iceberg's generic reader, a filter on {@code timestamp})
 * projecting the columns a typical dashboard query reads: time, service, name or metric name, and
 * the attributes.
 */
public final class ParquetSettings {
  private ParquetSettings() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = VariantRounds.options(args);
    Signal signal =
        Signal.valueOf(options.getOrDefault("signal", "traces").toUpperCase(Locale.ROOT));
    int requests = Integer.parseInt(options.getOrDefault("requests", "100"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "8"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "3"));
    Map<String, WritePaths> variants = new LinkedHashMap<>();
    Map<String, Map<String, String>> props = new LinkedHashMap<>();
    for (String variant : options.getOrDefault("variants", "now=").split(";")) {
      int eq = variant.indexOf('=');
      String name = variant.substring(0, eq);
      props.put(name, TableProps.parse(variant.substring(eq + 1)));
      variants.put(name, new WritePaths("settings-" + name, props.get(name)));
    }
    WriteInput input = new WriteInput(signal, requests, WritePaths.STOCK);
    OtlpTable table =
        signal == Signal.TRACES
            ? OtlpTable.TRACES
            : signal == Signal.LOGS ? OtlpTable.LOGS : OtlpTable.METRICS_GAUGE;
    List<String> names = new ArrayList<>(variants.keySet());
    PassTimer timer = new PassTimer();
    Map<String, double[]> writeMs = new LinkedHashMap<>();
    Map<String, double[]> readMs = new LinkedHashMap<>();
    Map<String, Double> bytesPerRow = new LinkedHashMap<>();
    names.forEach(
        n -> {
          writeMs.put(n, new double[rounds]);
          readMs.put(n, new double[rounds]);
        });
    for (int round = -warmup; round < rounds; round++) {
      for (int k = 0; k < names.size(); k++) {
        String name = names.get(Math.floorMod(round + k, names.size()));
        WritePaths paths = variants.get(name);
        List<DataFile> files = timer.time(() -> paths.ours(input));
        double ms = timer.cpuNanos / 1e6;
        if (!bytesPerRow.containsKey(name)) {
          // The first files stay, committed, for the reads.
          bytesPerRow.put(
              name,
              files.stream().mapToLong(DataFile::fileSizeInBytes).sum() / (double) input.rows);
          for (OtlpTable t : OtlpTable.values()) {
            List<DataFile> ofTable = new ArrayList<>();
            for (DataFile f : files) {
              if (f.location().contains("/" + t.tableName() + "/")) {
                ofTable.add(f);
              }
            }
            if (!ofTable.isEmpty()) {
              paths.commit(ofTable, WritePaths.OURS, t);
            }
          }
        } else {
          paths.delete(files);
        }
        long read = timer.time(() -> readDay(paths.table(WritePaths.OURS, table)));
        double rms = timer.cpuNanos / 1e6;
        if (read == 0) {
          throw new IllegalStateException(name + ": the day's read found no rows");
        }
        if (round >= 0) {
          writeMs.get(name)[round] = ms;
          readMs.get(name)[round] = rms;
        }
      }
    }
    String first = names.get(0);
    System.out.printf(
        Locale.ROOT,
        "%s, %d rows per pass, %d rounds; ratios against '%s' per" + " round (median)%n",
        signal.label(),
        input.rows,
        rounds,
        first);
    System.out.printf(
        Locale.ROOT,
        "%-12s %9s %10s %11s %9s %10s  %s%n",
        "variant",
        "write cpu",
        "speed x",
        "file B/row",
        "read cpu",
        "read time x",
        "properties");
    for (String name : names) {
      System.out.printf(
          Locale.ROOT,
          "%-12s %9.1f %10.2f %11.1f %9.1f %10.2f  %s%n",
          name,
          Medians.median(writeMs.get(name)),
          Medians.medianRatio(writeMs.get(first), writeMs.get(name)),
          bytesPerRow.get(name),
          Medians.median(readMs.get(name)),
          Medians.medianRatio(readMs.get(name), readMs.get(first)),
          props.get(name).keySet());
    }
  }

  /** Rows of one day of the table, reading the columns a dashboard query reads. */
  private static long readDay(Table table) {
    table.refresh();
    String name = table.schema().findField("name") != null ? "name" : "metric_name";
    long any = 0;
    long count = 0;
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(table)
            .select("timestamp", "service_name", name, "attributes")
            .where(
                Expressions.and(
                    Expressions.greaterThanOrEqual("timestamp", dayStart()),
                    Expressions.lessThan("timestamp", dayStart() + 86_400_000_000L)))
            .build()) {
      for (Record row : rows) {
        count++;
        any += ((Map<?, ?>) row.getField("attributes")).size();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return any >= 0 ? count : 0;
  }

  /** The benchmark's requests start on 2025-06-15 (UTC). */
  private static long dayStart() {
    return Instant.ofEpochSecond(1_750_000_000L)
            .atOffset(ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.DAYS)
            .toEpochSecond()
        * 1_000_000L;
  }
}
