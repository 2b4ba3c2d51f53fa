package io.otlpiceberg.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.stack.Dirs;
import io.otlpiceberg.stack.LocalStack;
import io.otlpiceberg.stack.StackRuntime;
import io.otlpiceberg.tables.OtlpTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What both modes of {@link EndToEnd} share: the run's options and input, the stack's topics,
 * producer, connector and its status, the checks of the worker's log and the dead-letter topic, and
 * the units the results are given in.
 */
abstract class StackRun {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CONNECTOR = "otlp-iceberg";
  static final String NAMESPACE = "otel";
  static final double MIB = 1024.0 * 1024.0;
  static final double GIB = MIB * 1024.0;

  final EndToEnd.Options options;
  final InputSet input;
  final PrintStream out;

  StackRun(EndToEnd.Options options, InputSet input, PrintStream out) {
    this.options = options;
    this.input = input;
    this.out = out;
  }

  /**
   * One run of this mode for one build, on a fresh stack: its result, one JSON object. The stack's
   * data directory keeps only its logs afterwards (all of it with --keep-data).
   */
  final Map<String, Object> run(String id, EndToEnd.Build build, int repeat) throws Exception {
    Path dataDir = options.work.resolve(id);
    Dirs.deleteTree(dataDir);
    Map<String, Object> res = header(id, build, repeat, mode());
    long t0 = System.nanoTime();
    try (LocalStack stack =
        LocalStack.builder(new StackRuntime(options.stackRuntime), build.zip(), dataDir)
            .out(out)
            .workerCollector(build.collector())
            .build()) {
      stack.start();
      res.put("stack_start_s", secs(System.nanoTime() - t0));
      JvmProbe worker = new JvmProbe(stack.worker().process().pid());
      measure(stack, worker, dataDir, res);
      res.putAll(logCheck(stack.logs(), id));
    } finally {
      if (!options.keepData) {
        keepLogsOnly(dataDir, id);
      }
    }
    return res;
  }

  /** {@code throughput} or {@code latency}. */
  abstract String mode();

  /** Measures on the started stack, whose Connect worker is {@code worker}, into {@code res}. */
  abstract void measure(LocalStack stack, JvmProbe worker, Path dataDir, Map<String, Object> res)
      throws Exception;

  Map<String, Object> header(String id, EndToEnd.Build build, int repeat, String mode) {
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("run", id);
    res.put("mode", mode);
    res.put("build", build.label());
    res.put("zip", build.zip().toString());
    res.put("worker_gc", build.collector());
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

  void createTopics(Admin admin, int partitions) throws Exception {
    List<NewTopic> topics = new ArrayList<>();
    for (Signal s : Signal.values()) {
      topics.add(new NewTopic(s.defaultTopic(), partitions, (short) 1));
    }
    // local.json's dead-letter topic, created up front so Connect does not log an ERROR making it.
    topics.add(new NewTopic("otlp_dlq", 1, (short) 1));
    admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
  }

  static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
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
  Map<TopicPartition, Long> preload(String bootstrap, int partitions) throws Exception {
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

  String connectorBody(LocalStack stack, int tasks) throws Exception {
    ObjectNode body = (ObjectNode) JSON.readTree(localJson());
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

  /** Connect's status of the connector, or null while it does not answer. */
  String status(LocalStack stack) {
    try {
      return stack.worker().status(CONNECTOR).toString();
    } catch (Exception e) {
      return null;
    }
  }

  void awaitRunning(LocalStack stack, int tasks) throws Exception {
    stack.worker().awaitRunning(CONNECTOR, tasks, Duration.ofSeconds(180));
  }

  /** config-examples/local.json, which the build copies next to this class. */
  static String localJson() throws IOException {
    try (InputStream in = StackRun.class.getResourceAsStream("local.json")) {
      if (in == null) {
        throw new IOException("No io/otlpiceberg/bench/e2e/local.json on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static long dlqRecords(Admin admin) {
    try {
      TopicPartition dlq = new TopicPartition("otlp_dlq", 0);
      if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("otlp_dlq")) {
        return 0;
      }
      return admin
          .listOffsets(Map.of(dlq, OffsetSpec.latest()))
          .all()
          .get(30, TimeUnit.SECONDS)
          .get(dlq)
          .offset();
    } catch (Exception e) {
      return -1;
    }
  }

  /** ERROR lines and exceptions in the worker's log (first few kept). */
  Map<String, Object> logCheck(Path logs, String id) throws IOException {
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
  void keepLogsOnly(Path dataDir, String id) throws IOException {
    Path logs = dataDir.resolve("logs");
    Path kept = options.work.resolve(id + "-logs");
    if (Files.isDirectory(logs)) {
      Dirs.deleteTree(kept);
      Files.move(logs, kept);
    }
    Dirs.deleteTree(dataDir);
  }

  static Map<String, Long> rowsMap(long[] rows) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (OtlpTable t : InputSet.TABLES) {
      m.put(t.tableName(), rows[t.ordinal()]);
    }
    return m;
  }

  static String rowsJson(long[] rows) {
    try {
      return JSON.writeValueAsString(rowsMap(rows));
    } catch (Exception e) {
      return Arrays.toString(rows);
    }
  }

  static double secs(long nanos) {
    return nanos / 1e9;
  }

  static double round(double v) {
    return Math.round(v * 100.0) / 100.0;
  }

  void send(
      KafkaProducer<byte[], byte[]> producer,
      InputSet.Request r,
      int[] perSignal,
      int partitions,
      long[] cum,
      AtomicReference<Exception> error)
      throws IOException {
    int partition = perSignal[r.signal().ordinal()]++ % partitions;
    producer.send(
        new ProducerRecord<>(r.signal().defaultTopic(), partition, null, r.read()),
        (meta, e) -> {
          if (e != null) {
            error.compareAndSet(null, e);
          }
        });
    for (int i = 0; i < cum.length; i++) {
      cum[i] += r.rows()[i];
    }
  }
}
