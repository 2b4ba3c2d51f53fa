package io.otlpiceberg.bench.e2e;

import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.stack.LocalStack;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Latency mode of {@link EndToEnd}: paced input, produce-to-snapshot latency. */
final class LatencyRun extends StackRun {
  LatencyRun(EndToEnd.Options options, InputSet input, PrintStream out) {
    super(options, input, out);
  }

  @Override
  String mode() {
    return "latency";
  }

  @Override
  void measure(LocalStack stack, JvmProbe worker, Path dataDir, Map<String, Object> res)
      throws Exception {
    int p = options.tasks;
    res.put("paced_mib_s_target", options.pacedMibS);
    res.put("paced_seconds", options.pacedSeconds);
    try (Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
        KafkaProducer<byte[], byte[]> producer = producer(stack.bootstrapServers())) {
      createTopics(admin, p);
      worker.startGcLog(dataDir.resolve("logs/worker-gc.log"));
      CatalogPoller catalog = new CatalogPoller(stack.catalogUri(), NAMESPACE);
      if (p > 1) {
        catalog.createNamespace(); // see throughputRun
        res.put("namespace_precreated", true);
      }
      stack.worker().createConnector(connectorBody(stack, p));
      awaitRunning(stack, p);

      List<InputSet.Request> requests = input.interleaved();
      long[] cum = new long[InputSet.TABLES.length];
      int[] perSignal = new int[Signal.values().length];
      AtomicReference<Exception> sendError = new AtomicReference<>();
      // Warm-up: one request per signal, tables created, first commit; not measured.
      int k = 0;
      for (; k < Signal.values().length; k++) {
        send(producer, requests.get(k), perSignal, p, cum, sendError);
      }
      producer.flush();
      long[] warm = cum.clone();
      awaitTotals(
          catalog,
          warm,
          worker,
          stack,
          TimeUnit.MILLISECONDS.toNanos(6 * options.commitIntervalMs + 120_000));
      out.println(
          "  warm-up rows visible; pacing at "
              + options.pacedMibS
              + " MiB/s for "
              + options.pacedSeconds
              + " s");

      // Poll the catalog while producing: (time, totals) every 250 ms.
      List<long[]> polls = new CopyOnWriteArrayList<>();
      Thread poller =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  try {
                    long[] t = catalog.totals();
                    long[] row = new long[t.length + 1];
                    row[0] = System.currentTimeMillis();
                    System.arraycopy(t, 0, row, 1, t.length);
                    polls.add(row);
                    Thread.sleep(250);
                  } catch (InterruptedException e) {
                    return;
                  } catch (Exception e) {
                    out.println("  catalog poll failed: " + e);
                  }
                }
              },
              "e2e-catalog-poll");
      poller.setDaemon(true);
      poller.start();

      List<long[]> sent = new ArrayList<>(); // [sendMs, cum per table or -1]
      double bytesPerNano = options.pacedMibS * MIB / 1e9;
      long startNanos = System.nanoTime();
      long endNanos = startNanos + TimeUnit.SECONDS.toNanos(options.pacedSeconds);
      long sentBytes = 0;
      double cpu0 = worker.cpuSeconds();
      while (true) {
        long due = startNanos + (long) (sentBytes / bytesPerNano);
        if (due >= endNanos) {
          break;
        }
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        InputSet.Request r = requests.get(k % requests.size());
        k++;
        long sendMs = System.currentTimeMillis();
        send(producer, r, perSignal, p, cum, sendError);
        long[] rec = new long[1 + cum.length];
        rec[0] = sendMs;
        for (int i = 0; i < cum.length; i++) {
          rec[1 + i] = r.rows()[i] > 0 ? cum[i] : -1;
        }
        sent.add(rec);
        sentBytes += r.bytes();
        if (sendError.get() != null) {
          throw sendError.get();
        }
      }
      producer.flush();
      double sendSeconds = secs(System.nanoTime() - startNanos);
      out.printf(
          "  sent %d records, %.1f MiB in %.1f s (%.2f MiB/s); waiting for the rows%n",
          sent.size(), sentBytes / MIB, sendSeconds, sentBytes / MIB / sendSeconds);
      awaitTotals(
          catalog,
          cum,
          worker,
          stack,
          TimeUnit.MILLISECONDS.toNanos(6 * options.commitIntervalMs + 300_000));
      double cpu = worker.cpuSeconds() - cpu0;
      Thread.sleep(500);
      poller.interrupt();
      poller.join(5000);
      List<List<CatalogPoller.Snapshot>> history = catalog.history();

      long[] bySnapshot = new long[sent.size()];
      long[] byPoll = new long[sent.size()];
      List<long[]> pollList = new ArrayList<>(polls);
      for (int s = 0; s < sent.size(); s++) {
        long[] rec = sent.get(s);
        long visSnap = Long.MIN_VALUE;
        for (int i = 0; i < cum.length; i++) {
          if (rec[1 + i] < 0) {
            continue;
          }
          long ts = -1;
          for (CatalogPoller.Snapshot snap : history.get(i)) {
            if (snap.totalRecords() >= rec[1 + i]) {
              ts = snap.timestampMs();
              break;
            }
          }
          if (ts < 0) {
            throw new IOException(
                "no snapshot of " + InputSet.TABLES[i].tableName() + " reaches " + rec[1 + i]);
          }
          visSnap = Math.max(visSnap, ts);
        }
        bySnapshot[s] = visSnap - rec[0];
        long visPoll = -1;
        for (long[] poll : pollList) {
          boolean all = true;
          for (int i = 0; i < cum.length && all; i++) {
            all = rec[1 + i] < 0 || poll[1 + i] >= rec[1 + i];
          }
          if (all) {
            visPoll = poll[0];
            break;
          }
        }
        byPoll[s] = visPoll < 0 ? -1 : visPoll - rec[0];
      }
      res.put("records", sent.size());
      res.put("sent_mib", round(sentBytes / MIB));
      res.put("sent_mib_s", round(sentBytes / MIB / sendSeconds));
      res.put("latency_snapshot_ms", percentiles(bySnapshot));
      res.put("latency_polled_ms", percentiles(byPoll));
      res.put("worker_cpu_s", round(cpu));
      JvmProbe.Heap heap = worker.heap();
      res.put("heap_max_before_gc_mib", heap.maxBeforeMiB());
      res.put("heap_max_after_gc_mib", heap.maxAfterMiB());
      res.put("gc_pauses", heap.pauses());
      res.put("snapshots", history.stream().mapToInt(List::size).sum());
      res.put("rows_per_table", rowsMap(cum));
      res.put("dlq_records", dlqRecords(admin));
      if (p > 1) {
        res.put(
            "latency_note",
            "P>1: visible when every row sent before it is visible" + " (upper bound)");
      }
    }
  }

  private void awaitTotals(
      CatalogPoller catalog, long[] want, JvmProbe worker, LocalStack stack, long timeoutNanos)
      throws Exception {
    long deadline = System.nanoTime() + timeoutNanos;
    long[] totals;
    while (!Arrays.equals(totals = catalog.totals(), want)) {
      for (int i = 0; i < want.length; i++) {
        if (totals[i] > want[i]) {
          throw new IOException(
              "Table "
                  + InputSet.TABLES[i].tableName()
                  + " holds "
                  + totals[i]
                  + " rows, more than the "
                  + want[i]
                  + " sent");
        }
      }
      if (!stack.worker().process().isAlive()) {
        throw new IOException("the Connect worker exited; log " + stack.logs());
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "Timed out waiting for rows "
                + rowsJson(want)
                + "; have "
                + rowsJson(totals)
                + "; status "
                + status(stack));
      }
      Thread.sleep(250);
    }
  }

  private static Map<String, Object> percentiles(long[] values) {
    long[] v = Arrays.stream(values).filter(x -> x >= 0).sorted().toArray();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", v.length);
    if (v.length == 0) {
      return m;
    }
    m.put("p50", pct(v, 0.50));
    m.put("p90", pct(v, 0.90));
    m.put("p99", pct(v, 0.99));
    m.put("max", v[v.length - 1]);
    m.put("min", v[0]);
    return m;
  }

  private static long pct(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
