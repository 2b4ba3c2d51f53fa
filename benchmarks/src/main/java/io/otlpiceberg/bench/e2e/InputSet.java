package io.otlpiceberg.bench.e2e;

import io.otlpiceberg.decode.OtlpDecoder;
import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.rows.TableRows;
import io.otlpiceberg.tables.OtlpTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The input: {@code DIR/<signal>/*.pb} (WriteRequests' layout), one Kafka record per file, with the
 * rows each request yields per table. The row counts come from this build's decoder and are cached
 * in {@code DIR/e2e-rows.tsv}, so later runs do not decode 2 GB again.
 */
final class InputSet {
  static final OtlpTable[] TABLES = OtlpTable.values();

  /** One request: its file, size and rows per table (indexed by OtlpTable ordinal). */
  record Request(Signal signal, Path file, long bytes, long[] rows) {
    long totalRows() {
      long sum = 0;
      for (long r : rows) {
        sum += r;
      }
      return sum;
    }

    byte[] read() throws IOException {
      return Files.readAllBytes(file);
    }
  }

  final Map<Signal, List<Request>> bySignal = new EnumMap<>(Signal.class);

  static InputSet load(Path dir) throws IOException {
    InputSet set = new InputSet();
    Path cache = dir.resolve("e2e-rows.tsv");
    Map<String, long[]> cached = new java.util.HashMap<>();
    if (Files.exists(cache)) {
      for (String line : Files.readAllLines(cache)) {
        String[] f = line.split("\t");
        if (f.length != 2 + TABLES.length) {
          continue;
        }
        long[] rows = new long[TABLES.length];
        for (int i = 0; i < rows.length; i++) {
          rows[i] = Long.parseLong(f[2 + i]);
        }
        cached.put(f[0] + "\t" + f[1], rows);
      }
    }
    OtlpDecoder decoder = new OtlpDecoder();
    StringBuilder out = new StringBuilder();
    boolean decodedAny = false;
    for (Signal signal : Signal.values()) {
      Path sub = dir.resolve(signal.label());
      List<Request> list = new ArrayList<>();
      if (Files.isDirectory(sub)) {
        List<Path> files;
        try (var s = Files.list(sub)) {
          files = s.filter(p -> p.toString().endsWith(".pb")).sorted().toList();
        }
        for (Path file : files) {
          long bytes = Files.size(file);
          String key = signal.label() + "/" + file.getFileName() + "\t" + bytes;
          long[] rows = cached.get(key);
          if (rows == null) {
            decodedAny = true;
            rows = new long[TABLES.length];
            try {
              TableRows decoded = decoder.decode(signal, Files.readAllBytes(file));
              for (OtlpTable t : TABLES) {
                rows[t.ordinal()] = decoded.rows(t).size();
              }
            } catch (Exception e) {
              throw new IOException("Cannot decode " + file + ": " + e.getMessage(), e);
            }
          }
          out.append(key);
          for (long r : rows) {
            out.append('\t').append(r);
          }
          out.append('\n');
          list.add(new Request(signal, file, bytes, rows));
        }
      }
      set.bySignal.put(signal, list);
    }
    if (set.count() == 0) {
      throw new IOException("No requests under " + dir + "/traces, /logs, /metrics");
    }
    if (decodedAny) {
      Files.writeString(cache, out);
    }
    return set;
  }

  int count() {
    return bySignal.values().stream().mapToInt(List::size).sum();
  }

  long bytes() {
    return bySignal.values().stream().flatMap(List::stream).mapToLong(Request::bytes).sum();
  }

  long[] rowsPerTable() {
    long[] sum = new long[TABLES.length];
    bySignal.values().stream()
        .flatMap(List::stream)
        .forEach(
            r -> {
              for (int i = 0; i < sum.length; i++) {
                sum[i] += r.rows()[i];
              }
            });
    return sum;
  }

  /** Requests interleaved across signals: traces 0, logs 0, metrics 0, traces 1, ... */
  List<Request> interleaved() {
    List<Request> all = new ArrayList<>();
    int max = bySignal.values().stream().mapToInt(List::size).max().orElse(0);
    for (int i = 0; i < max; i++) {
      for (Signal s : Signal.values()) {
        List<Request> l = bySignal.get(s);
        if (i < l.size()) {
          all.add(l.get(i));
        }
      }
    }
    return all;
  }
}
