package io.otlpiceberg.bench.write;

import io.otlpiceberg.tables.OtlpTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.ParquetMetricsRowGroupFilter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.MessageType;

/**
 * A filter on one attribute, {@code http.response.status_code = 503}, against the traces table
 * written by the connector's own write path, with the attribute promoted to a column ({@code
 * otlp.promote.traces=attributes.http.response.status_code:long}) and without. Per variant: the
 * bytes of the column chunks the filter has to read (after Iceberg's row-group statistics filter,
 * which only a column can use), the CPU time of the filter through Iceberg's generic reader
 * (reading only the column, or only the map), the write CPU time per round and the file bytes per
 * row. Both variants must find the same number of spans.
 *
 * <pre>
 * java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar io.otlpiceberg.bench.write.PromotedFilter \
 *     --rounds 30 --requests 10
 * </pre>
 */
public final class PromotedFilter {
  private static final String KEY = "http.response.status_code";
  private static final String COLUMN = "http_response_status_code";
  private static final String MAP = "attributes";

  private PromotedFilter() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = VariantRounds.options(args);
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "30"));
    int requests = Integer.parseInt(options.getOrDefault("requests", "10"));
    long value = Long.parseLong(options.getOrDefault("value", "503"));
    Map<String, WritePaths> variants = new LinkedHashMap<>();
    variants.put(
        "promoted",
        new WritePaths(
            "promoted", Map.of(), false, Map.of("otlp.promote.traces", MAP + "." + KEY + ":long")));
    variants.put("map only", new WritePaths("map-only", Map.of()));
    VariantRounds written = VariantRounds.write(variants, rounds, requests, input -> {});
    List<String> names = written.names;
    Map<String, double[]> writeMs = written.writeMs;
    Map<String, Long> fileBytes = written.fileBytes;
    long rows = written.rows;
    PassTimer timer = new PassTimer();

    System.out.printf(
        Locale.ROOT,
        "traces: %d rounds (data files), %d rows; filter %s = %d%n",
        rounds,
        rows,
        KEY,
        value);
    System.out.printf(
        Locale.ROOT,
        "%-9s %9s %8s %7s %8s %14s %12s %10s %9s%n",
        "variant",
        "write cpu",
        "write x",
        "B/row",
        "matches",
        "filter bytes",
        "row groups",
        "filter ms",
        "filter x");
    System.out.printf(
        Locale.ROOT,
        "%-9s %9s %8s %7s %8s %14s %12s %10s %9s%n",
        "",
        "ms/round",
        "vs first",
        "",
        "",
        "read",
        "read/all",
        "cpu",
        "vs first");
    double firstMs = 0;
    long firstMatches = -1;
    for (String name : names) {
      Table table = variants.get(name).table(WritePaths.OURS, OtlpTable.TRACES);
      boolean promoted = table.schema().findField(COLUMN) != null;
      Expression filter = promoted ? Expressions.equal(COLUMN, value) : Expressions.alwaysTrue();
      Reads reads = reads(table, filter, promoted ? List.of(COLUMN) : List.of(MAP));
      double[] cpu = new double[5];
      long matches = 0;
      for (int i = 0; i < cpu.length; i++) {
        long[] found = new long[1];
        timer.time(
            () -> {
              found[0] = promoted ? countColumn(table, value) : countInMap(table, value);
              return null;
            });
        cpu[i] = timer.cpuNanos / 1e6;
        matches = found[0];
      }
      double ms = Medians.median(cpu);
      if (firstMatches < 0) {
        firstMatches = matches;
        firstMs = ms;
      } else if (matches != firstMatches) {
        throw new IllegalStateException(
            name + " found " + matches + " spans, " + names.get(0) + " " + firstMatches);
      }
      System.out.printf(
          Locale.ROOT,
          "%-9s %9.1f %8.2f %7.1f %8d %14d %12s %10.1f %9.2f%n",
          name,
          Medians.median(writeMs.get(name)),
          Medians.medianRatio(writeMs.get(name), writeMs.get(names.get(0))),
          fileBytes.get(name) / (double) rows,
          matches,
          reads.bytes,
          reads.groupsRead + "/" + reads.groups,
          ms,
          ms / firstMs);
    }
  }

  /** What a reader of these columns has to fetch: compressed chunk bytes, row groups kept. */
  private record Reads(long bytes, int groupsRead, int groups) {}

  private static Reads reads(Table table, Expression filter, List<String> columns) {
    long bytes = 0;
    int groups = 0;
    int read = 0;
    try (CloseableIterable<FileScanTask> tasks = table.newScan().filter(filter).planFiles()) {
      for (FileScanTask task : tasks) {
        try (ParquetFileReader reader =
            ParquetFileReader.open(
                IcebergParquetFiles.of(table.io().newInputFile(task.file().location())))) {
          MessageType schema = reader.getFooter().getFileMetaData().getSchema();
          ParquetMetricsRowGroupFilter statistics =
              new ParquetMetricsRowGroupFilter(table.schema(), filter);
          for (BlockMetaData group : reader.getRowGroups()) {
            groups++;
            if (!statistics.shouldRead(schema, group)) {
              continue;
            }
            read++;
            for (ColumnChunkMetaData chunk : group.getColumns()) {
              if (columns.contains(chunk.getPath().toArray()[0])) {
                bytes += chunk.getTotalSize();
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Reads(bytes, read, groups);
  }

  private static long countColumn(Table table, long value) {
    long n = 0;
    try (CloseableIterable<Record> spans =
        IcebergGenerics.read(table)
            .where(Expressions.equal(COLUMN, value))
            .select(COLUMN)
            .build()) {
      for (Record span : spans) {
        // The reader filters row groups, not rows: the rest is the engine's.
        if (Long.valueOf(value).equals(span.getField(COLUMN))) {
          n++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }

  private static long countInMap(Table table, long value) {
    String text = Long.toString(value);
    long n = 0;
    try (CloseableIterable<Record> spans = IcebergGenerics.read(table).select(MAP).build()) {
      for (Record span : spans) {
        if (text.equals(((Map<?, ?>) span.getField(MAP)).get(KEY))) {
          n++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }
}
