package io.otlpiceberg.bench.e2e;

import io.otlpiceberg.stack.LocalStack;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Throughput mode of {@link EndToEnd}: input preloaded, then consumed and committed. */
final class ThroughputRun extends StackRun {
  ThroughputRun(EndToEnd.Options options, InputSet input, PrintStream out) {
    super(options, input, out);
  }

  @Override
  String mode() {
    return "throughput";
  }

  @Override
  void measure(LocalStack stack, JvmProbe worker, Path dataDir, Map<String, Object> res)
      throws Exception {
    int p = options.tasks;
    long[] expected = input.rowsPerTable();
    long expectedTotal = Arrays.stream(expected).sum();
    JvmProbe broker = new JvmProbe(stack.kafka().process().pid());
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      createTopics(admin, p);
      long tp = System.nanoTime();
      Map<TopicPartition, Long> ends = preload(stack.bootstrapServers(), p);
      res.put("preload_s", secs(System.nanoTime() - tp));
      out.printf(
          "  preloaded %d records, %.1f MiB in %.1f s; ends %s%n",
          input.count(), input.bytes() / MIB, secs(System.nanoTime() - tp), ends);

      worker.startGcLog(dataDir.resolve("logs/worker-gc.log"));
      CatalogPoller catalog = new CatalogPoller(stack.catalogUri(), NAMESPACE);
      if (p > 1) {
        // Two tasks creating the namespace at once on a fresh catalog race: the sqlite-backed
        // REST catalog answers the loser with a 500 (not 409), and in builds before d7f6b63
        // (the 318caac baseline) that task FAILS at start.
        catalog.createNamespace();
        res.put("namespace_precreated", true);
      }
      long postNanos = System.nanoTime();
      stack.worker().createConnector(connectorBody(stack, p));
      awaitRunning(stack, p);
      long start = System.nanoTime();
      double cpu0 = worker.cpuSeconds();
      double brokerCpu0 = broker.cpuSeconds();
      res.put("post_to_running_s", secs(start - postNanos));
      out.printf("  connector RUNNING %.1f s after the POST; measuring%n", secs(start - postNanos));

      String group = "connect-" + CONNECTOR;
      long consumedAt = -1;
      long committedAt = -1;
      double cpuConsumed = 0;
      long deadline = start + TimeUnit.SECONDS.toNanos(options.timeoutSeconds);
      long lastPrint = start;
      long lastStatus = start;
      long[] totals = new long[expected.length];
      // Past the JIT's warm-up: from the first poll that sees a fifth of the rows.
      long steadyAt = -1;
      long steadyRows = 0;
      double steadyCpu0 = 0;
      double cpuAtCommitted = 0;
      while (consumedAt < 0 || committedAt < 0) {
        if (!stack.worker().process().isAlive()) {
          throw new IOException("the Connect worker exited; log " + stack.logs());
        }
        long now = System.nanoTime();
        if (consumedAt < 0) {
          Map<TopicPartition, OffsetAndMetadata> committed =
              admin
                  .listConsumerGroupOffsets(group)
                  .partitionsToOffsetAndMetadata()
                  .get(30, TimeUnit.SECONDS);
          boolean all =
              ends.entrySet().stream()
                  .allMatch(
                      e -> {
                        OffsetAndMetadata o = committed.get(e.getKey());
                        return o != null && o.offset() >= e.getValue();
                      });
          if (all) {
            consumedAt = now;
            cpuConsumed = worker.cpuSeconds() - cpu0;
            out.printf(
                "  [%6.1f s] consumed: group offsets at the end of all partitions%n",
                secs(now - start));
          }
        }
        totals = catalog.totals();
        for (int i = 0; i < totals.length; i++) {
          if (totals[i] > expected[i]) {
            throw new IOException(
                "Table "
                    + InputSet.TABLES[i].tableName()
                    + " holds "
                    + totals[i]
                    + " rows, more than the "
                    + expected[i]
                    + " produced");
          }
        }
        long visible = Arrays.stream(totals).sum();
        if (steadyAt < 0 && visible >= expectedTotal / 5 && visible < expectedTotal) {
          steadyAt = System.nanoTime();
          steadyRows = visible;
          steadyCpu0 = worker.cpuSeconds();
        }
        if (committedAt < 0 && Arrays.equals(totals, expected)) {
          committedAt = System.nanoTime();
          cpuAtCommitted = worker.cpuSeconds();
          out.printf(
              "  [%6.1f s] committed: all %d rows in the tables' snapshots%n",
              secs(committedAt - start), expectedTotal);
        }
        if (now - lastPrint > TimeUnit.SECONDS.toNanos(15)) {
          lastPrint = now;
          out.printf(
              "  [%6.1f s] rows visible %d of %d (%.0f%%), worker CPU %.0f s%n",
              secs(now - start),
              Arrays.stream(totals).sum(),
              expectedTotal,
              100.0 * Arrays.stream(totals).sum() / expectedTotal,
              worker.cpuSeconds() - cpu0);
        }
        if (now - lastStatus > TimeUnit.SECONDS.toNanos(5)) {
          lastStatus = now;
          String status = status(stack);
          if (status != null && status.contains("FAILED")) {
            throw new IOException("connector or task FAILED: " + status);
          }
        }
        if (now > deadline) {
          throw new IOException(
              "Timed out after "
                  + options.timeoutSeconds
                  + " s; rows "
                  + rowsJson(totals)
                  + " of "
                  + rowsJson(expected)
                  + "; consumed="
                  + (consumedAt >= 0));
        }
        Thread.sleep(250);
      }
      double cpu = worker.cpuSeconds() - cpu0;
      double brokerCpu = broker.cpuSeconds() - brokerCpu0;
      JvmProbe.Heap heap = worker.heap();
      long usedNow = worker.usedNowMiB();
      double consumedS = secs(consumedAt - start);
      double committedS = secs(committedAt - start);
      double bytes = input.bytes();
      res.put("consumed_s", round(consumedS));
      res.put("committed_s", round(committedS));
      res.put("consumed_mib_s", round(bytes / MIB / consumedS));
      res.put("committed_mib_s", round(bytes / MIB / committedS));
      res.put("consumed_rows_s", Math.round(expectedTotal / consumedS));
      res.put("committed_rows_s", Math.round(expectedTotal / committedS));
      if (steadyAt > 0) {
        // The rows committed after the steady point over the time since, and the CPU spent.
        double steadyS = secs(committedAt - steadyAt);
        double steadyBytes = (double) bytes * (expectedTotal - steadyRows) / expectedTotal;
        res.put("steady_from_rows", steadyRows);
        res.put("steady_committed_mib_s", round(steadyBytes / MIB / steadyS));
        res.put("steady_committed_rows_s", Math.round((expectedTotal - steadyRows) / steadyS));
        res.put(
            "steady_worker_cpu_s_per_gib",
            round((cpuAtCommitted - steadyCpu0) / (steadyBytes / GIB)));
      }
      res.put("worker_cpu_s", round(cpu));
      res.put("worker_cpu_s_per_gib", round(cpu / (bytes / GIB)));
      res.put("worker_cpu_s_to_consumed", round(cpuConsumed));
      res.put("worker_cpu_cores_avg", round(cpu / committedS));
      res.put("broker_cpu_s", round(brokerCpu));
      res.put("heap_max_before_gc_mib", heap.maxBeforeMiB());
      res.put("heap_max_after_gc_mib", heap.maxAfterMiB());
      res.put("heap_max_committed_mib", heap.maxCommittedMiB());
      res.put("heap_used_at_end_mib", usedNow);
      res.put("gc_pauses", heap.pauses());
      res.put("gc_max_pause_ms", heap.maxPauseMs());
      res.put("snapshots", catalog.snapshotCount());
      res.put("rows_per_table", rowsMap(totals));
      res.put("dlq_records", dlqRecords(admin));
    }
  }
}
