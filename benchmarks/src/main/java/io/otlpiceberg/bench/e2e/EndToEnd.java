package io.otlpiceberg.bench.e2e;

import io.otlpiceberg.stack.ConnectWorker;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * End-to-end benchmark on the local stack the quickstart and the ITs run ({@code local-stack}:
 * KRaft broker, Iceberg REST catalog, distributed Connect worker with a 1 GiB G1 heap, or another
 * collector with --worker-gc, all child JVMs on loopback): OTLP protobuf requests from Kafka into
 * the seven Iceberg tables, one or more builds of the plugin ZIP in the same run, interleaved (A B
 * A B).
 *
 * <p>Build and input (from the repository root):
 *
 * <pre>
 * ./mvnw -B -q -pl connector,benchmarks -am package -DskipTests
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
 * partitions; all input produced before the connector exists (request i of a signal to partition i
 * mod P), so producing does not share the CPU with the measured window; then
 * config-examples/local.json is POSTed with tasks.max = P and the commit interval given (with P
 * &gt; 1 the namespace is created first through the REST catalog: tasks starting together race to
 * create it, the local catalog answers the loser with a 500, and builds before commit d7f6b63 fail
 * that task). The window starts when the connector and all its tasks are RUNNING and ends at
 *
 * <ul>
 *   <li><i>consumed</i>: the consumer group {@code connect-otlp-iceberg} has committed offsets at
 *       the end of every partition. The Iceberg sink commits those offsets in the transaction that
 *       hands a commit round its data files, so this is "written and handed to a commit", not
 *       merely polled;
 *   <li><i>committed</i>: the current snapshots of the seven tables hold all rows (sum of {@code
 *       total-records}, polled every 250 ms through the REST catalog). Per-table counts must equal
 *       the rows the input decodes to, or the run fails.
 * </ul>
 *
 * MiB/s and rows/s are the input's OTLP bytes and rows over each window. The worker's CPU is
 * user+system time from /proc over the window to committed, per GiB of input; its heap comes from a
 * GC log switched on by jcmd VM.log before the POST (max used before a pause, max after).
 *
 * <p><b>Latency mode</b>: the same stack; after the connector runs, one request per signal is sent
 * and awaited (tables created: not measured); then requests go out at a fixed rate for S seconds,
 * each with its send time and, per table it writes, the table's cumulative rows in send order. A
 * record is visible at the first snapshot whose {@code total-records} reaches that count in each of
 * its tables (exact with one partition per topic: the table's rows come from one partition in
 * order; with P &gt; 1 it is the point where everything sent before it is visible too, an upper
 * bound). Reported twice: by the snapshot's own timestamp-ms, and by the first 250 ms poll that saw
 * it.
 *
 * <p>Output: one line per run on stdout starting {@code E2E-JSON }, a table at the end and, with
 * two or more builds, the ratios of each later build to the first per repeat (MiB/s consumed and
 * committed) with their median.
 */
public final class EndToEnd {

  /** A plugin build, and the worker's garbage collector flag to run it under. */
  record Build(String label, Path zip, String collector) {}

  static final class Options {
    Path input;
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "otlp-iceberg-e2e");
    Path stackRuntime;
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
          case "--stack-runtime" -> o.stackRuntime = Path.of(args[++i]);
          case "--build" -> {
            String v = args[++i];
            int eq = v.indexOf('=');
            if (eq <= 0) {
              throw new IllegalArgumentException("--build LABEL=ZIP, not " + v);
            }
            o.builds.add(
                new Build(
                    v.substring(0, eq),
                    Path.of(v.substring(eq + 1)).toAbsolutePath(),
                    ConnectWorker.DEFAULT_COLLECTOR));
          }
          case "--worker-gc" -> {
            // LABEL=FLAG: that build's worker under another collector (the same ZIP may be
            // given twice under two labels, to measure the collector alone).
            String v = args[++i];
            int eq = v.indexOf('=');
            String label = eq <= 0 ? "" : v.substring(0, eq);
            int at = -1;
            for (int b = 0; b < o.builds.size(); b++) {
              if (o.builds.get(b).label().equals(label)) {
                at = b;
              }
            }
            if (at < 0) {
              throw new IllegalArgumentException(
                  "--worker-gc LABEL=FLAG after --build LABEL=ZIP, not " + v);
            }
            Build b = o.builds.get(at);
            o.builds.set(at, new Build(b.label(), b.zip(), v.substring(eq + 1)));
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
      System.err.println(
          "Usage: EndToEnd --input DIR --build LABEL=ZIP [--build LABEL=ZIP ...]"
              + " [--worker-gc LABEL=FLAG]"
              + " [--work DIR] [--tasks P] [--repeats N] [--commit-interval-ms MS]"
              + " [--paced-mib-s X --paced-seconds S] [--timeout-seconds S] [--keep-data]"
              + " [--stack-runtime DIR]");
      System.exit(2);
      return;
    }
    if (options.stackRuntime == null) {
      // benchmarks/target/benchmarks.jar -> local-stack/target/stack-runtime
      Path jar =
          Path.of(EndToEnd.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      options.stackRuntime =
          jar.getParent().getParent().getParent().resolve("local-stack/target/stack-runtime");
    }
    long t = System.nanoTime();
    InputSet input = InputSet.load(options.input);
    System.out.printf(
        "input %s: %d requests, %.1f MiB, %d rows %s (%.1f s to list/count)%n",
        options.input,
        input.count(),
        input.bytes() / StackRun.MIB,
        Arrays.stream(input.rowsPerTable()).sum(),
        StackRun.rowsJson(input.rowsPerTable()),
        (System.nanoTime() - t) / 1e9);
    EndToEnd e2e = new EndToEnd(options, input);
    int failures = e2e.runAll();
    System.exit(failures == 0 ? 0 : 1);
  }

  private int runAll() throws Exception {
    Files.createDirectories(options.work);
    StackRun mode =
        options.latency()
            ? new LatencyRun(options, input, out)
            : new ThroughputRun(options, input, out);
    int failures = 0;
    int n = 0;
    for (int r = 1; r <= options.repeats; r++) {
      for (Build b : options.builds) {
        n++;
        String id =
            String.format(
                "run%02d-%s-p%d-%s",
                n, b.label(), options.tasks, options.latency() ? "latency" : "throughput");
        out.printf(
            "%n=== %s: build %s (%s), repeat %d, %d task(s) / %d partition(s) per topic,"
                + " commit interval %d ms, %s ===%n",
            id,
            b.label(),
            b.zip(),
            r,
            options.tasks,
            options.tasks,
            options.commitIntervalMs,
            Instant.now());
        Map<String, Object> result;
        try {
          result = mode.run(id, b, r);
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
        out.println("E2E-JSON " + StackRun.JSON.writeValueAsString(result));
        out.flush();
      }
    }
    new Summary(options, input, out, results).print();
    return failures;
  }
}
