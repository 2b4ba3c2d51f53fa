package io.otlpiceberg.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.tables.OtlpTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * End-to-end benchmark on the quickstart's local stack (KRaft broker, Iceberg REST catalog,
 * distributed Connect worker with the quickstart's G1 heap, all child JVMs on loopback): OTLP
 * protobuf requests from Kafka into the seven Iceberg tables, one or more builds of the plugin ZIP
 * in the same run, interleaved (A B A B).
 *
 * <p>Build and input (from the repository root):
 *
 * <pre>
 * mvn -B -q -pl connector,quickstart,benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.otlpiceberg.bench.WriteRequests /tmp/otlp-in 3800
 * </pre>
 *
 * <p>Throughput, two builds, one task and one partition per topic, two repeats:
 *
 * <pre>
 * java -Xmx512m -cp benchmarks/target/benchmarks.jar io.otlpiceberg.bench.e2e.EndToEnd \
 *   --input /tmp/otlp-in --work /tmp/otlp-e2e \
 *   --build old=../old/connector/target/otlp-iceberg-connector-0.1.0-SNAPSHOT.zip \
 *   --build new=connector/target/otlp-iceberg-connector-0.1.0-SNAPSHOT.zip \
 *   --tasks 1 --repeats 2 --commit-interval-ms 10000
 * </pre>
 *
 * <p>Latency (add {@code --paced-mib-s X --paced-seconds S}; usually one build, one repeat):
 *
 * <pre>
 * java -Xmx512m -cp benchmarks/target/benchmarks.jar io.otlpiceberg.bench.e2e.EndToEnd \
 *   --input /tmp/otlp-in --work /tmp/otlp-e2e \
 *   --build new=connector/target/otlp-iceberg-connector-0.1.0-SNAPSHOT.zip \
 *   --tasks 1 --repeats 1 --commit-interval-ms 10000 --paced-mib-s 10 --paced-seconds 180
 * </pre>
 *
 * <p><b>Throughput mode</b>, per run: a fresh stack (fresh data directory, so a fresh broker,
 * catalog and warehouse); topics otlp_spans, otlp_logs, otlp_metrics with P = {@code --tasks}
 * partitions; all input produced before the connector exists (request i of a signal to partition
 * i mod P), so producing does not share the CPU with the measured window; then
 * config-examples/local.json is POSTed with tasks.max = P and the commit interval given (with
 * P &gt; 1 the namespace is created first through the REST catalog: tasks starting together race
 * to create it, the local catalog answers the loser with a 500, and builds before commit c962a1f
 * fail that task). The
 * window starts when the connector and all its tasks are RUNNING and ends at
 *
 * <ul>
 *   <li><i>consumed</i>: the consumer group {@code connect-otlp-iceberg} has committed offsets at
 *       the end of every partition. The Iceberg sink commits those offsets in the transaction
 *       that hands a commit round its data files, so this is "written and handed to a commit",
 *       not merely polled;
 *   <li><i>committed</i>: the current snapshots of the seven tables hold all rows (sum of
 *       {@code total-records}, polled every 250 ms through the REST catalog). Per-table counts
 *       must equal the rows the input decodes to, or the run fails.
 * </ul>
 *
 * MiB/s and rows/s are the input's OTLP bytes and rows over each window. The worker's CPU is
 * user+system time from /proc over the window to committed, per GiB of input; its heap comes from
 * a GC log switched on by jcmd VM.log before the POST (max used before a pause, max after).
 *
 * <p><b>Latency mode</b>: the same stack; after the connector runs, one request per signal is
 * sent and awaited (tables created: not measured); then requests go out at a fixed rate for S
 * seconds, each with its send time and, per table it writes, the table's cumulative rows in send
 * order. A record is visible at the first snapshot whose {@code total-records} reaches that count
 * in each of its tables (exact with one partition per topic: the table's rows come from one
 * partition in order; with P &gt; 1 it is the point where everything sent before it is visible
 * too, an upper bound). Reported twice: by the snapshot's own timestamp-ms, and by the first
 * 250 ms poll that saw it.
 *
 * <p>Output: one line per run on stdout starting {@code E2E-JSON }, a table at the end and, with
 * two or more builds, the ratios of each later build to the first per repeat (MiB/s consumed and
 * committed) with their median.
 */
public final class EndToEnd {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONNECTOR = "otlp-iceberg";
  private static final String NAMESPACE = "otel";
  private static final double MIB = 1024.0 * 1024.0;
  private static final double GIB = MIB * 1024.0;

  record Build(String label, Path zip) {}

  static final class Options {
    Path input;
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "otlp-iceberg-e2e");
    Path quickstartRuntime;
    List<Build> builds = new ArrayList<>();
    int tasks = 1;
    int repeats = 2;
    long commitIntervalMs = 10_000;
    double pacedMibS;
    int pacedSeconds;
    long timeoutSeconds = 3600;
    boolean keepData;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--input" -> o.input = Path.of(args[++i]);
          case "--work" -> o.work = Path.of(args[++i]);
          case "--quickstart-runtime" -> o.quickstartRuntime = Path.of(args[++i]);
          case "--build" -> {
            String v = args[++i];
            int eq = v.indexOf('=');
            if (eq <= 0) {
              throw new IllegalArgumentException("--build LABEL=ZIP, not " + v);
            }
            o.builds.add(new Build(v.substring(0, eq), Path.of(v.substring(eq + 1))
                .toAbsolutePath()));
          }
          case "--tasks" -> o.tasks = Integer.parseInt(args[++i]);
          case "--repeats" -> o.repeats = Integer.parseInt(args[++i]);
          case "--commit-interval-ms" -> o.commitIntervalMs = Long.parseLong(args[++i]);
          case "--paced-mib-s" -> o.pacedMibS = Double.parseDouble(args[++i]);
          case "--paced-seconds" -> o.pacedSeconds = Integer.parseInt(args[++i]);
          case "--timeout-seconds" -> o.timeoutSeconds = Long.parseLong(args[++i]);
          case "--keep-data" -> o.keepData = true;
          default -> throw new IllegalArgumentException("Unknown option " + a);
        }
      }
      if (o.input == null || o.builds.isEmpty()) {
        throw new IllegalArgumentException("Need --input DIR and at least one --build LABEL=ZIP");
      }
      if ((o.pacedMibS > 0) != (o.pacedSeconds > 0)) {
        throw new IllegalArgumentException("--paced-mib-s and --paced-seconds go together");
      }
      return o;
    }

    boolean latency() {
      return pacedMibS > 0;
    }
  }

  private final Options options;
  private final PrintStream out = System.out;
  private final InputSet input;
  private final List<Map<String, Object>> results = new ArrayList<>();

  private EndToEnd(Options options, InputSet input) {
    this.options = options;
    this.input = input;
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (RuntimeException e) {
      System.err.println(e.getMessage());
      System.err.println("Usage: EndToEnd --input DIR --build LABEL=ZIP [--build LABEL=ZIP ...]"
          + " [--work DIR] [--tasks P] [--repeats N] [--commit-interval-ms MS]"
          + " [--paced-mib-s X --paced-seconds S] [--timeout-seconds S] [--keep-data]"
          + " [--quickstart-runtime DIR]");
      System.exit(2);
      return;
    }
    if (options.quickstartRuntime == null) {
      // benchmarks/target/benchmarks.jar -> quickstart/target/quickstart-runtime
      Path jar = Path.of(EndToEnd.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
      options.quickstartRuntime = jar.getParent().getParent().getParent()
          .resolve("quickstart/target/quickstart-runtime");
    }
    long t = System.nanoTime();
    InputSet input = InputSet.load(options.input);
    System.out.printf("input %s: %d requests, %.1f MiB, %d rows %s (%.1f s to list/count)%n",
        options.input, input.count(), input.bytes() / MIB,
        Arrays.stream(input.rowsPerTable()).sum(), rowsJson(input.rowsPerTable()),
        (System.nanoTime() - t) / 1e9);
    EndToEnd e2e = new EndToEnd(options, input);
    int failures = e2e.runAll();
    System.exit(failures == 0 ? 0 : 1);
  }

  private int runAll() throws Exception {
    Files.createDirectories(options.work);
    int failures = 0;
    int n = 0;
    for (int r = 1; r <= options.repeats; r++) {
      for (Build b : options.builds) {
        n++;
        String id = String.format("run%02d-%s-p%d-%s", n, b.label(), options.tasks,
            options.latency() ? "latency" : "throughput");
        out.printf("%n=== %s: build %s (%s), repeat %d, %d task(s) / %d partition(s) per topic,"
            + " commit interval %d ms, %s ===%n", id, b.label(), b.zip(), r, options.tasks,
            options.tasks, options.commitIntervalMs, Instant.now());
        Map<String, Object> result;
        try {
          result = options.latency() ? latencyRun(id, b, r) : throughputRun(id, b, r);
        } catch (Exception e) {
          failures++;
          e.printStackTrace(out);
          result = new LinkedHashMap<>();
          result.put("run", id);
          result.put("build", b.label());
          result.put("repeat", r);
          result.put("error", String.valueOf(e));
        }
        results.add(result);
        out.println("E2E-JSON " + JSON.writeValueAsString(result));
        out.flush();
      }
    }
    printSummary();
    return failures;
  }

  // ---------------------------------------------------------------- throughput

  private Map<String, Object> throughputRun(String id, Build build, int repeat) throws Exception {
    Path dataDir = options.work.resolve(id);
    LocalStack.deleteTree(dataDir);
    Path runtime = LocalStack.runtimeFor(options.quickstartRuntime, build.zip(),
        options.work.resolve("runtime-" + id));
    Map<String, Object> res = header(id, build, repeat, "throughput");
    int p = options.tasks;
    long[] expected = input.rowsPerTable();
    long expectedTotal = Arrays.stream(expected).sum();
    long t0 = System.nanoTime();
    try (LocalStack stack = new LocalStack(runtime, dataDir, out)) {
      stack.start();
      res.put("stack_start_s", secs(System.nanoTime() - t0));
      JvmProbe worker = new JvmProbe(LocalStack.childPid(
          "org.apache.kafka.connect.cli.ConnectDistributed"));
      JvmProbe broker = new JvmProbe(LocalStack.childPid("kafka.Kafka"));
      try (Admin admin = Admin.create(Map.of(
          AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
        createTopics(admin, p);
        long tp = System.nanoTime();
        Map<TopicPartition, Long> ends = preload(stack.bootstrapServers(), p);
        res.put("preload_s", secs(System.nanoTime() - tp));
        out.printf("  preloaded %d records, %.1f MiB in %.1f s; ends %s%n", input.count(),
            input.bytes() / MIB, secs(System.nanoTime() - tp), ends);

        worker.startGcLog(dataDir.resolve("logs/worker-gc.log"));
        CatalogPoller catalog = new CatalogPoller(stack.catalogUri(), NAMESPACE);
        if (p > 1) {
          // Two tasks creating the namespace at once on a fresh catalog race: the sqlite-backed
          // REST catalog answers the loser with a 500 (not 409), and in builds before c962a1f
          // (the 318caac baseline) that task FAILS at start.
          catalog.createNamespace();
          res.put("namespace_precreated", true);
        }
        long postNanos = System.nanoTime();
        stack.createConnector(connectorBody(stack, p));
        awaitRunning(stack, p, worker);
        long start = System.nanoTime();
        double cpu0 = worker.cpuSeconds();
        double brokerCpu0 = broker.cpuSeconds();
        res.put("post_to_running_s", secs(start - postNanos));
        out.printf("  connector RUNNING %.1f s after the POST; measuring%n",
            secs(start - postNanos));

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
          if (!LocalStack.alive(worker.pid)) {
            throw new IOException("the Connect worker exited; log " + stack.logs());
          }
          long now = System.nanoTime();
          if (consumedAt < 0) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                .listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
            boolean all = ends.entrySet().stream().allMatch(e -> {
              OffsetAndMetadata o = committed.get(e.getKey());
              return o != null && o.offset() >= e.getValue();
            });
            if (all) {
              consumedAt = now;
              cpuConsumed = worker.cpuSeconds() - cpu0;
              out.printf("  [%6.1f s] consumed: group offsets at the end of all partitions%n",
                  secs(now - start));
            }
          }
          totals = catalog.totals();
          for (int i = 0; i < totals.length; i++) {
            if (totals[i] > expected[i]) {
              throw new IOException("Table " + InputSet.TABLES[i].tableName() + " holds "
                  + totals[i] + " rows, more than the " + expected[i] + " produced");
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
            out.printf("  [%6.1f s] committed: all %d rows in the tables' snapshots%n",
                secs(committedAt - start), expectedTotal);
          }
          if (now - lastPrint > TimeUnit.SECONDS.toNanos(15)) {
            lastPrint = now;
            out.printf("  [%6.1f s] rows visible %d of %d (%.0f%%), worker CPU %.0f s%n",
                secs(now - start), Arrays.stream(totals).sum(), expectedTotal,
                100.0 * Arrays.stream(totals).sum() / expectedTotal, worker.cpuSeconds() - cpu0);
          }
          if (now - lastStatus > TimeUnit.SECONDS.toNanos(5)) {
            lastStatus = now;
            String status = status(stack);
            if (status != null && status.contains("FAILED")) {
              throw new IOException("connector or task FAILED: " + status);
            }
          }
          if (now > deadline) {
            throw new IOException("Timed out after " + options.timeoutSeconds + " s; rows "
                + rowsJson(totals) + " of " + rowsJson(expected) + "; consumed="
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
          res.put("steady_worker_cpu_s_per_gib",
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
        res.put("snapshots", catalog.snapshotCount());
        res.put("rows_per_table", rowsMap(totals));
        res.put("dlq_records", dlqRecords(admin));
      }
      res.putAll(logCheck(stack.logs(), id));
    } finally {
      if (!options.keepData) {
        keepLogsOnly(dataDir, id);
      }
      LocalStack.deleteTree(runtime);
    }
    return res;
  }

  // ---------------------------------------------------------------- latency

  private Map<String, Object> latencyRun(String id, Build build, int repeat) throws Exception {
    Path dataDir = options.work.resolve(id);
    LocalStack.deleteTree(dataDir);
    Path runtime = LocalStack.runtimeFor(options.quickstartRuntime, build.zip(),
        options.work.resolve("runtime-" + id));
    Map<String, Object> res = header(id, build, repeat, "latency");
    int p = options.tasks;
    res.put("paced_mib_s_target", options.pacedMibS);
    res.put("paced_seconds", options.pacedSeconds);
    try (LocalStack stack = new LocalStack(runtime, dataDir, out)) {
      stack.start();
      JvmProbe worker = new JvmProbe(LocalStack.childPid(
          "org.apache.kafka.connect.cli.ConnectDistributed"));
      try (Admin admin = Admin.create(Map.of(
          AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
          KafkaProducer<byte[], byte[]> producer = producer(stack.bootstrapServers())) {
        createTopics(admin, p);
        worker.startGcLog(dataDir.resolve("logs/worker-gc.log"));
        CatalogPoller catalog = new CatalogPoller(stack.catalogUri(), NAMESPACE);
        if (p > 1) {
          catalog.createNamespace(); // see throughputRun
          res.put("namespace_precreated", true);
        }
        stack.createConnector(connectorBody(stack, p));
        awaitRunning(stack, p, worker);

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
        awaitTotals(catalog, warm, worker, stack, TimeUnit.MILLISECONDS.toNanos(
            6 * options.commitIntervalMs + 120_000));
        out.println("  warm-up rows visible; pacing at " + options.pacedMibS + " MiB/s for "
            + options.pacedSeconds + " s");

        // Poll the catalog while producing: (time, totals) every 250 ms.
        List<long[]> polls = new CopyOnWriteArrayList<>();
        Thread poller = new Thread(() -> {
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
        }, "e2e-catalog-poll");
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
        out.printf("  sent %d records, %.1f MiB in %.1f s (%.2f MiB/s); waiting for the rows%n",
            sent.size(), sentBytes / MIB, sendSeconds, sentBytes / MIB / sendSeconds);
        awaitTotals(catalog, cum, worker, stack, TimeUnit.MILLISECONDS.toNanos(
            6 * options.commitIntervalMs + 300_000));
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
              throw new IOException("no snapshot of " + InputSet.TABLES[i].tableName()
                  + " reaches " + rec[1 + i]);
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
          res.put("latency_note", "P>1: visible when every row sent before it is visible"
              + " (upper bound)");
        }
      }
      res.putAll(logCheck(stack.logs(), id));
    } finally {
      if (!options.keepData) {
        keepLogsOnly(dataDir, id);
      }
      LocalStack.deleteTree(runtime);
    }
    return res;
  }

  private void send(KafkaProducer<byte[], byte[]> producer, InputSet.Request r, int[] perSignal,
      int partitions, long[] cum, AtomicReference<Exception> error) throws IOException {
    int partition = perSignal[r.signal().ordinal()]++ % partitions;
    producer.send(new ProducerRecord<>(r.signal().defaultTopic(), partition, null, r.read()),
        (meta, e) -> {
          if (e != null) {
            error.compareAndSet(null, e);
          }
        });
    for (int i = 0; i < cum.length; i++) {
      cum[i] += r.rows()[i];
    }
  }

  private void awaitTotals(CatalogPoller catalog, long[] want, JvmProbe worker, LocalStack stack,
      long timeoutNanos) throws Exception {
    long deadline = System.nanoTime() + timeoutNanos;
    long[] totals;
    while (!Arrays.equals(totals = catalog.totals(), want)) {
      for (int i = 0; i < want.length; i++) {
        if (totals[i] > want[i]) {
          throw new IOException("Table " + InputSet.TABLES[i].tableName() + " holds "
              + totals[i] + " rows, more than the " + want[i] + " sent");
        }
      }
      if (!LocalStack.alive(worker.pid)) {
        throw new IOException("the Connect worker exited; log " + stack.logs());
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("Timed out waiting for rows " + rowsJson(want) + "; have "
            + rowsJson(totals) + "; status " + status(stack));
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

  // ---------------------------------------------------------------- shared parts

  private Map<String, Object> header(String id, Build build, int repeat, String mode) {
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("run", id);
    res.put("mode", mode);
    res.put("build", build.label());
    res.put("zip", build.zip().toString());
    res.put("repeat", repeat);
    res.put("tasks", options.tasks);
    res.put("partitions_per_topic", options.tasks);
    res.put("commit_interval_ms", options.commitIntervalMs);
    res.put("input_requests", input.count());
    res.put("input_bytes", input.bytes());
    res.put("input_rows", Arrays.stream(input.rowsPerTable()).sum());
    res.put("started", Instant.now().toString());
    return res;
  }

  private void createTopics(Admin admin, int partitions) throws Exception {
    List<NewTopic> topics = new ArrayList<>();
    for (Signal s : Signal.values()) {
      topics.add(new NewTopic(s.defaultTopic(), partitions, (short) 1));
    }
    // local.json's dead-letter topic, created up front so Connect does not log an ERROR making it.
    topics.add(new NewTopic("otlp_dlq", 1, (short) 1));
    admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 900_000);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Every request to its topic, request i of a signal to partition i mod P; the end offsets. */
  private Map<TopicPartition, Long> preload(String bootstrap, int partitions) throws Exception {
    AtomicReference<Exception> error = new AtomicReference<>();
    Map<TopicPartition, Long> counts = new HashMap<>();
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
      int[] perSignal = new int[Signal.values().length];
      long[] cum = new long[InputSet.TABLES.length];
      for (InputSet.Request r : input.interleaved()) {
        int partition = perSignal[r.signal().ordinal()] % partitions;
        send(producer, r, perSignal, partitions, cum, error);
        counts.merge(new TopicPartition(r.signal().defaultTopic(), partition), 1L, Long::sum);
        if (error.get() != null) {
          throw error.get();
        }
      }
      producer.flush();
    }
    if (error.get() != null) {
      throw error.get();
    }
    return counts;
  }

  private String connectorBody(LocalStack stack, int tasks) throws Exception {
    ObjectNode body = (ObjectNode) JSON.readTree(LocalStack.localJson());
    ObjectNode config = (ObjectNode) body.path("config");
    config.put("iceberg.catalog.uri", stack.catalogUri());
    config.put("iceberg.kafka.bootstrap.servers", stack.bootstrapServers());
    config.put("iceberg.control.commit.interval-ms", String.valueOf(options.commitIntervalMs));
    config.put("tasks.max", String.valueOf(tasks));
    if (!CONNECTOR.equals(body.path("name").asText())
        || !NAMESPACE.equals(config.path("otlp.namespace").asText())) {
      throw new IOException("local.json is not the connector/namespace this benchmark expects");
    }
    return JSON.writeValueAsString(body);
  }

  private String status(LocalStack stack) {
    try {
      var http = java.net.http.HttpClient.newHttpClient();
      var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
              stack.connectUrl() + "/connectors/" + CONNECTOR + "/status"))
              .timeout(java.time.Duration.ofSeconds(10)).GET().build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (Exception e) {
      return null;
    }
  }

  private void awaitRunning(LocalStack stack, int tasks, JvmProbe worker) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (true) {
      String s = status(stack);
      if (s != null) {
        if (s.contains("FAILED")) {
          throw new IOException("connector failed: " + s);
        }
        JsonNode node = JSON.readTree(s);
        List<String> states = node.path("tasks").findValuesAsText("state");
        if ("RUNNING".equals(node.path("connector").path("state").asText())
            && states.size() == tasks && states.stream().allMatch("RUNNING"::equals)) {
          return;
        }
      }
      if (!LocalStack.alive(worker.pid)) {
        throw new IOException("the Connect worker exited; log " + stack.logs());
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("connector not RUNNING after 180 s: " + s);
      }
      Thread.sleep(100);
    }
  }

  private static long dlqRecords(Admin admin) {
    try {
      TopicPartition dlq = new TopicPartition("otlp_dlq", 0);
      if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("otlp_dlq")) {
        return 0;
      }
      return admin.listOffsets(Map.of(dlq, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS)
          .get(dlq).offset();
    } catch (Exception e) {
      return -1;
    }
  }

  /** ERROR lines and exceptions in the worker's log (first few kept). */
  private Map<String, Object> logCheck(Path logs, String id) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    Path log = logs.resolve("connect-worker.log");
    if (!Files.exists(log)) {
      return m;
    }
    List<String> errors = new ArrayList<>();
    int errorLines = 0;
    int warnLines = 0;
    try (var lines = Files.lines(log)) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.contains("] ERROR ")) {
          errorLines++;
          if (errors.size() < 5) {
            errors.add(line.length() > 300 ? line.substring(0, 300) : line);
          }
        } else if (line.contains("] WARN ")) {
          warnLines++;
        }
      }
    }
    m.put("worker_log_error_lines", errorLines);
    m.put("worker_log_warn_lines", warnLines);
    if (!errors.isEmpty()) {
      m.put("worker_log_first_errors", errors);
    }
    return m;
  }

  /** Deletes the broker's data, the warehouse and the catalog; keeps logs/ as work/ID-logs. */
  private void keepLogsOnly(Path dataDir, String id) throws IOException {
    Path logs = dataDir.resolve("logs");
    Path kept = options.work.resolve(id + "-logs");
    if (Files.isDirectory(logs)) {
      LocalStack.deleteTree(kept);
      Files.move(logs, kept);
    }
    LocalStack.deleteTree(dataDir);
  }

  private void printSummary() throws Exception {
    out.println();
    out.println("=== summary (" + input.count() + " requests, "
        + String.format("%.1f MiB", input.bytes() / MIB) + ", "
        + Arrays.stream(input.rowsPerTable()).sum() + " rows; commit interval "
        + options.commitIntervalMs + " ms; " + options.tasks + " task(s) / partition(s)) ===");
    if (!options.latency()) {
      out.printf("%-28s %6s %9s %9s %10s %10s %9s %9s %8s %8s %8s%n", "run", "build",
          "cons MiB/s", "comm MiB/s", "cons rows/s", "comm rows/s", "cons s", "comm s",
          "CPU s/GiB", "heapMax", "heapAft");
      for (Map<String, Object> r : results) {
        if (r.containsKey("error")) {
          out.printf("%-28s %6s FAILED %s%n", r.get("run"), r.get("build"), r.get("error"));
          continue;
        }
        out.printf("%-28s %6s %9.2f %9.2f %10d %10d %9.1f %9.1f %8.1f %8d %8d%n", r.get("run"),
            r.get("build"), r.get("consumed_mib_s"), r.get("committed_mib_s"),
            r.get("consumed_rows_s"), r.get("committed_rows_s"), r.get("consumed_s"),
            r.get("committed_s"), r.get("worker_cpu_s_per_gib"), r.get("heap_max_before_gc_mib"),
            r.get("heap_max_after_gc_mib"));
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
            out.printf("ratio %s/%s %s:%s; median %.2f%n", b.label(), base, metric, line,
                median);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("ratio", b.label() + "/" + base);
            j.put("metric", metric);
            j.put("per_repeat", ratios.stream().map(EndToEnd::round).toList());
            j.put("median", round(median));
            out.println("E2E-RATIO " + JSON.writeValueAsString(j));
          }
        }
      }
    } else {
      for (Map<String, Object> r : results) {
        out.printf("%-28s %6s sent %s MiB/s; latency by snapshot ts %s; by 250 ms poll %s%s%n",
            r.get("run"), r.get("build"), r.get("sent_mib_s"), r.get("latency_snapshot_ms"),
            r.get("latency_polled_ms"), r.containsKey("error") ? " FAILED " + r.get("error")
                : "");
      }
    }
  }

  private Double value(String build, int repeat, String metric) {
    for (Map<String, Object> r : results) {
      if (build.equals(r.get("build")) && Integer.valueOf(repeat).equals(r.get("repeat"))
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

  private static Map<String, Long> rowsMap(long[] rows) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (OtlpTable t : InputSet.TABLES) {
      m.put(t.tableName(), rows[t.ordinal()]);
    }
    return m;
  }

  private static String rowsJson(long[] rows) {
    try {
      return JSON.writeValueAsString(rowsMap(rows));
    } catch (Exception e) {
      return Arrays.toString(rows);
    }
  }

  private static double secs(long nanos) {
    return nanos / 1e9;
  }

  private static double round(double v) {
    return Math.round(v * 100.0) / 100.0;
  }
}
