package io.otlpiceberg.bench.write;

import io.otlpiceberg.tables.OtlpTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.parquet.ParquetBloomRowGroupFilter;
import org.apache.iceberg.parquet.ParquetMetricsRowGroupFilter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.schema.MessageType;

/**
 * "Show me trace X" on a day of many files: the traces table written by the connector's own write
 * path, one data file per commit round, with the connector's table properties (a bloom filter on
 * {@code trace_id}) and without the filter, then lookups of trace ids that are there and ids that
 * are not. Per variant: the files Iceberg's planning keeps (manifest min/max), the row groups a
 * reader then has to read (Iceberg's own row-group filters: Parquet statistics, then the bloom
 * filter), the CPU time of the lookup through Iceberg's generic reader, the write CPU time per
 * round and the file bytes per row.
 *
 * <pre>
 * java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar io.otlpiceberg.bench.write.TraceLookup \
 *     --rounds 40 --requests 10 --lookups 100
 * </pre>
 */
public final class TraceLookup {
  private static final String NO_FILTER =
      "write.parquet.bloom-filter-enabled.column.trace_id=false";

  private TraceLookup() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = VariantRounds.options(args);
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "40"));
    int requests = Integer.parseInt(options.getOrDefault("requests", "10"));
    int lookups = Integer.parseInt(options.getOrDefault("lookups", "100"));
    Map<String, WritePaths> variants = new LinkedHashMap<>();
    variants.put("bloom", new WritePaths("lookup-bloom", Map.of()));
    variants.put("no-filter", new WritePaths("lookup-none", TableProps.parse(NO_FILTER)));
    Map<String, Integer> spansOfTrace = new HashMap<>();
    VariantRounds written =
        VariantRounds.write(
            variants,
            rounds,
            requests,
            input -> {
              for (Record span : input.records.get(OtlpTable.TRACES)) {
                spansOfTrace.merge((String) span.getField("trace_id"), 1, Integer::sum);
              }
            });
    List<String> names = written.names;
    Map<String, double[]> writeMs = written.writeMs;
    Map<String, Long> fileBytes = written.fileBytes;
    long rows = written.rows;
    PassTimer timer = new PassTimer();
    List<String> present = new ArrayList<>(spansOfTrace.keySet());
    present.sort(null);
    Random random = new Random(17);
    List<String> lookedUp = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    for (int i = 0; i < lookups; i++) {
      lookedUp.add(present.get(random.nextInt(present.size())));
      absent.add(String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong()));
    }

    System.out.printf(
        Locale.ROOT,
        "traces: %d rounds (data files), %d rows, %d trace ids; %d"
            + " lookups of ids that are there and %d of ids that are not%n",
        rounds,
        rows,
        present.size(),
        lookups,
        lookups);
    System.out.printf(
        Locale.ROOT,
        "%-10s %9s %10s %6s %14s %14s %14s %14s %12s %12s%n",
        "variant",
        "write cpu",
        "write x",
        "B/row",
        "files planned",
        "groups read",
        "groups read",
        "files planned",
        "lookup ms",
        "lookup ms");
    System.out.printf(
        Locale.ROOT,
        "%-10s %9s %10s %6s %14s %14s %14s %14s %12s %12s%n",
        "",
        "ms/round",
        "vs first",
        "",
        "(present)",
        "(present)",
        "(absent)",
        "(absent)",
        "(present)",
        "(absent)");
    for (String name : names) {
      Table table = variants.get(name).table(WritePaths.OURS, OtlpTable.TRACES);
      Lookups there = lookups(table, lookedUp, spansOfTrace, timer);
      Lookups notThere = lookups(table, absent, spansOfTrace, timer);
      System.out.printf(
          Locale.ROOT,
          "%-10s %9.1f %10.2f %6.1f %14.1f %14.2f %14.2f %14.1f %12.2f" + " %12.2f%n",
          name,
          Medians.median(writeMs.get(name)),
          Medians.medianRatio(writeMs.get(name), writeMs.get(names.get(0))),
          fileBytes.get(name) / (double) rows,
          there.filesPlanned,
          there.rowGroupsRead,
          notThere.rowGroupsRead,
          notThere.filesPlanned,
          there.cpuMs,
          notThere.cpuMs);
    }
  }

  /** Means per lookup. */
  private record Lookups(double filesPlanned, double rowGroupsRead, double cpuMs) {}

  private static Lookups lookups(
      Table table, List<String> ids, Map<String, Integer> spansOfTrace, PassTimer timer) {
    long planned = 0;
    long groupsRead = 0;
    double cpuMs = 0;
    for (String id : ids) {
      Expression lookup = Expressions.equal("trace_id", id);
      try (CloseableIterable<FileScanTask> tasks = table.newScan().filter(lookup).planFiles()) {
        for (FileScanTask task : tasks) {
          planned++;
          groupsRead += rowGroupsToRead(table, task.file(), lookup);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      long found = timer.time(() -> count(table, lookup));
      cpuMs += timer.cpuNanos / 1e6;
      long expected = spansOfTrace.getOrDefault(id, 0);
      if (found != expected) {
        throw new IllegalStateException(
            "trace " + id + ": found " + found + " spans, wrote " + expected);
      }
    }
    return new Lookups(
        planned / (double) ids.size(), groupsRead / (double) ids.size(), cpuMs / ids.size());
  }

  /** What Iceberg's Parquet reader keeps of a file's row groups for this filter. */
  private static int rowGroupsToRead(Table table, DataFile file, Expression lookup) {
    InputFile input = table.io().newInputFile(file.location());
    try (ParquetFileReader reader = ParquetFileReader.open(IcebergParquetFiles.of(input))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      ParquetMetricsRowGroupFilter statistics =
          new ParquetMetricsRowGroupFilter(table.schema(), lookup);
      ParquetBloomRowGroupFilter bloom = new ParquetBloomRowGroupFilter(table.schema(), lookup);
      int read = 0;
      for (BlockMetaData group : reader.getRowGroups()) {
        if (statistics.shouldRead(schema, group)
            && bloom.shouldRead(schema, group, reader.getBloomFilterDataReader(group))) {
          read++;
        }
      }
      return read;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long count(Table table, Expression lookup) {
    long n = 0;
    try (CloseableIterable<Record> spans =
        IcebergGenerics.read(table).where(lookup).select("trace_id", "span_id", "name").build()) {
      for (Record ignored : spans) {
        n++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }
}
