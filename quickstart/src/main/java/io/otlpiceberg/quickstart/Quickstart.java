package io.otlpiceberg.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.stack.ChildProcess;
import io.otlpiceberg.stack.ConnectWorker;
import io.otlpiceberg.stack.Dirs;
import io.otlpiceberg.stack.LocalStack;
import io.otlpiceberg.stack.PluginZip;
import io.otlpiceberg.stack.StackRuntime;
import io.otlpiceberg.telemetry.ShopTelemetry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * otlp-iceberg quickstart: the whole pipeline on this machine with one command.
 *
 * <pre>
 * java -jar quickstart/target/otlp-iceberg-quickstart.jar [options]
 * </pre>
 */
public final class Quickstart {
  static final String USAGE =
      String.join(
          "\n",
          "Usage: java -jar quickstart/target/otlp-iceberg-quickstart.jar [options]",
          "",
          "Starts a KRaft Kafka broker, an Iceberg REST catalog with a local warehouse and a",
          "distributed Kafka Connect worker with the otlp-iceberg plugin (all on loopback), creates the",
          "Collector's default topics, POSTs config-examples/local.json to Connect and produces OTLP",
          "telemetry until Ctrl-C. The warehouse stays on disk.",
          "",
          "Options:",
          "  --data-dir DIR              where Kafka, the catalog and the warehouse live",
          "                              (default ./otlp-iceberg-quickstart-data)",
          "  --reset                     start over when DIR holds a previous run's tables",
          "  --input DIR                 produce each file under DIR/traces, DIR/logs, DIR/metrics as",
          "                              one record (bytes unchanged) instead of generated telemetry",
          "  --exit-after-commit         once every produced record is committed, print the rows per",
          "                              table as one JSON line, stop everything and exit",
          "  --batches N                 generated mode with --exit-after-commit: batches to produce",
          "                              (default 20)",
          "  --interval-ms N             generated mode: one batch (traces, logs, metrics request)",
          "                              every N ms (default 1000)",
          "  --commit-interval-seconds N iceberg.control.commit.interval-ms of the connector (default 5)",
          "  --timeout-seconds N         --exit-after-commit: give up after N s (default 180)",
          "  --help",
          "",
          "       java -jar quickstart/target/otlp-iceberg-quickstart.jar query [--data-dir DIR] SQL",
          "",
          "Runs SQL over the tables in DuckDB, while the quickstart runs or after (query --help).");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONNECTOR = "otlp-iceberg";

  /** The dead-letter topic's record limit when the config does not say (the example: 2 MiB). */
  private static final String DLQ_MAX_MESSAGE_BYTES = "2097152";

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final Options options;
  private final PrintStream out;
  private final Map<Signal, AtomicLong> produced = new EnumMap<>(Signal.class);
  private final long startNanos = System.nanoTime();
  private volatile boolean running = true;
  private volatile boolean quietShutdown;
  private LocalStack stack;

  Quickstart(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
    for (Signal signal : Signal.values()) {
      produced.put(signal, new AtomicLong());
    }
  }

  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    if (args.length > 0 && args[0].equals("query")) {
      System.exit(
          QueryCommand.run(
              Arrays.copyOfRange(args, 1, args.length), System.in, System.out, System.err));
    }
    // The clients complain about the broker going away during shutdown; failures are reported
    // by the quickstart itself.
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (options.help) {
      System.out.println(USAGE);
      return;
    }
    Quickstart quickstart = new Quickstart(options, System.out);
    int code;
    try {
      code = quickstart.run();
    } catch (Exception e) {
      System.err.println("quickstart failed: " + e);
      if (quickstart.stack != null) {
        System.err.println("logs: " + quickstart.stack.logs());
      }
      quickstart.quietShutdown = true;
      quickstart.closeStack();
      code = 1;
    }
    System.exit(code);
  }

  int run() throws Exception {
    Path dataDir = options.dataDir.toAbsolutePath().normalize();
    Path runtime = locateRuntime();
    prepareDataDir(dataDir);
    out.println("otlp-iceberg quickstart: data in " + dataDir);
    stack =
        LocalStack.builder(
                new StackRuntime(runtime),
                PluginZip.newest(runtime, "otlp-iceberg-connector-*.zip"),
                dataDir)
            .out(out)
            .usualPorts()
            .build();
    Runtime.getRuntime().addShutdownHook(new Thread(this::shutdownHook, "quickstart-shutdown"));

    out.println("Starting Kafka (KRaft), the Iceberg REST catalog and a Connect worker...");
    stack.start();
    out.printf(
        "  Kafka %s, REST catalog %s, Connect %s (up in %d s)%n",
        stack.bootstrapServers(), stack.catalogUri(), stack.connectUrl(), elapsedSeconds());

    Map<String, Object> overrides = new LinkedHashMap<>();
    overrides.put("iceberg.catalog.uri", stack.catalogUri());
    overrides.put("iceberg.kafka.bootstrap.servers", stack.bootstrapServers());
    overrides.put(
        "iceberg.control.commit.interval-ms",
        String.valueOf(options.commitIntervalSeconds * 1000L));
    String namespace;
    String dlqTopic;
    Map<String, Long> rows;
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      ObjectNode body = (ObjectNode) JSON.readTree(resource("local.json"));
      ObjectNode config = (ObjectNode) body.path("config");
      overrides.forEach((k, v) -> config.put(k, (String) v));
      namespace = config.path("otlp.namespace").asText("otel");
      dlqTopic = config.path("errors.deadletterqueue.topic.name").asText(null);

      List<NewTopic> topics = new ArrayList<>();
      for (Signal signal : Signal.values()) {
        topics.add(new NewTopic(signal.defaultTopic(), 1, (short) 1));
      }
      if (dlqTopic != null) {
        // A record as large as the broker takes, plus Connect's error headers, must fit: else
        // its dead-letter copy is refused and the record lost. As the example's
        // producer.override.max.request.size.
        topics.add(
            new NewTopic(dlqTopic, 1, (short) 1)
                .configs(
                    Map.of(
                        "max.message.bytes",
                        config
                            .path("producer.override.max.request.size")
                            .asText(DLQ_MAX_MESSAGE_BYTES))));
      }
      admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
      out.println(
          "  created topics "
              + topics.stream().map(NewTopic::name).collect(Collectors.joining(", ")));

      stack.worker().createConnector(JSON.writeValueAsString(body));
      out.println(
          "  POST "
              + stack.connectUrl()
              + "/connectors: config-examples/local.json with "
              + overrides
              + " (the example's commit interval is 60 s; "
              + options.commitIntervalSeconds
              + " s here so rows show up quickly)");
      awaitRunning(config.path("tasks.max").asInt(1));
      out.printf("  connector %s RUNNING (%d s)%n", CONNECTOR, elapsedSeconds());
      printHowToLook(namespace);

      CatalogTables tables = new CatalogTables(stack.catalogUri(), namespace);
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  stack.bootstrapServers(),
                  ProducerConfig.ACKS_CONFIG,
                  "all",
                  ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                  8 * 1024 * 1024),
              new ByteArraySerializer(),
              new ByteArraySerializer())) {
        Progress progress = new Progress(tables);
        progress.start();
        try {
          if (options.input != null) {
            produceInput(producer);
          } else {
            produceGenerated(producer);
          }
          producer.flush();
          if (!options.exitAfterCommit) {
            for (int i = 0; running; i++) {
              Thread.sleep(500);
              if (i % 4 == 3) {
                checkHealthy();
              }
            }
            return 0;
          }
          rows = awaitCommitted(admin, tables, dlqTopic);
          progress.stop();
          progress.print();
        } finally {
          progress.stop();
        }
      }
    }
    // Clients closed; now the stack, and the JSON line last of all.
    quietShutdown = true;
    out.println(
        "All "
            + totalProduced()
            + " records committed; stopping. Warehouse kept at "
            + stack.warehouse());
    closeStack();
    out.println(CatalogTables.json(rows));
    out.flush();
    return 0;
  }

  private void prepareDataDir(Path dataDir) throws IOException {
    Path warehouse = dataDir.resolve("warehouse");
    boolean previous = Files.isDirectory(warehouse) && Files.list(warehouse).findAny().isPresent();
    if (previous && !options.reset) {
      throw new IOException(
          dataDir
              + " holds a previous run's tables (a fresh Kafka would not"
              + " append to them safely): pass --reset to start over, or another --data-dir");
    }
    if (options.reset) {
      for (String part : List.of("warehouse", "catalog", "kafka", "connect", "logs")) {
        Dirs.deleteTree(dataDir.resolve(part));
      }
    }
    Files.createDirectories(dataDir);
  }

  private void awaitRunning(int tasks) throws Exception {
    stack.worker().awaitRunning(CONNECTOR, tasks, Duration.ofSeconds(120));
  }

  /** Connect's status of the connector, for an error message. */
  private String connectorStatus() {
    try {
      return stack.worker().status(CONNECTOR).toString();
    } catch (Exception e) {
      return "unknown (" + e + ")";
    }
  }

  private void closeStack() {
    if (stack == null) {
      return;
    }
    try {
      stack.close();
    } catch (IOException e) {
      System.err.println("stopping the stack: " + e);
    }
  }

  /** The directory the build filled (target/quickstart-runtime), next to the running jar. */
  static Path locateRuntime() throws IOException {
    String override = System.getProperty("otlp.quickstart.runtime");
    if (override != null) {
      return Path.of(override);
    }
    try {
      Path jar =
          Path.of(Quickstart.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path dir = jar.getParent().resolve("quickstart-runtime");
      if (new StackRuntime(dir).has(StackRuntime.KAFKA, StackRuntime.REST_CATALOG)) {
        return dir;
      }
      throw new IOException(
          "No "
              + dir
              + " with kafka/ and rest-catalog/: build the repository"
              + " with mvn -B package and run the jar from quickstart/target");
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
  }

  static byte[] resource(String name) throws IOException {
    try (java.io.InputStream in = Quickstart.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("No resource " + name + " in the quickstart jar");
      }
      return in.readAllBytes();
    }
  }

  private void produceInput(KafkaProducer<byte[], byte[]> producer) throws Exception {
    Path input = options.input.toAbsolutePath();
    int files = 0;
    for (Signal signal : Signal.values()) {
      Path dir = input.resolve(signal.label());
      if (!Files.isDirectory(dir)) {
        continue;
      }
      List<Path> list;
      try (var stream = Files.list(dir)) {
        list = stream.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path file : list) {
        try {
          producer
              .send(new ProducerRecord<>(signal.defaultTopic(), Files.readAllBytes(file)))
              .get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof RecordTooLargeException) {
            throw new IOException(
                file
                    + " ("
                    + Files.size(file)
                    + " bytes) is larger than the"
                    + " broker takes in one record (message.max.bytes, 1048588 bytes by default):"
                    + " split it into smaller requests (the Collector's Kafka exporter sends none"
                    + " larger than its producer.max_message_bytes, 1000000 by default)",
                e.getCause());
          }
          throw new IOException("Cannot produce " + file + ": " + e.getCause(), e.getCause());
        }
        produced.get(signal).incrementAndGet();
        if (++files % 100 == 0) {
          checkHealthy();
        }
      }
    }
    if (files == 0) {
      throw new IOException("No files under " + input + "/traces, /logs or /metrics");
    }
    out.printf("Produced %d records from %s%n", files, input);
  }

  private void produceGenerated(KafkaProducer<byte[], byte[]> producer) throws Exception {
    long epochNanos = System.currentTimeMillis() * 1_000_000L;
    ShopTelemetry generator = new ShopTelemetry(System.nanoTime(), 4, epochNanos);
    int limit = options.exitAfterCommit ? options.batches : Integer.MAX_VALUE;
    out.printf(
        "Producing generated telemetry: %d services, one batch every %d ms%s (Ctrl-C to"
            + " stop)%n",
        ShopTelemetry.SERVICES.size(),
        options.intervalMs,
        options.exitAfterCommit ? ", " + limit + " batches" : "");
    long next = System.nanoTime();
    for (int i = 0; i < limit && running; i++) {
      ShopTelemetry.Batch batch = generator.next(System.currentTimeMillis() * 1_000_000L);
      send(producer, Signal.TRACES, batch.traces().toByteArray());
      send(producer, Signal.LOGS, batch.logs().toByteArray());
      send(producer, Signal.METRICS, batch.metrics().toByteArray());
      checkHealthy();
      next += options.intervalMs * 1_000_000L;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
  }

  private void send(KafkaProducer<byte[], byte[]> producer, Signal signal, byte[] value) {
    producer.send(
        new ProducerRecord<>(signal.defaultTopic(), value),
        (meta, error) -> {
          if (error == null) {
            produced.get(signal).incrementAndGet();
          } else {
            System.err.println("send to " + signal.defaultTopic() + " failed: " + error);
          }
        });
  }

  /**
   * Waits until the connector has consumed every record (its consumer group's offsets, which the
   * Iceberg sink commits in the same transaction as the data files it hands to a commit round,
   * reach the topics' ends), then until the tables stop changing for two commit intervals: the
   * round that carries those files has then been committed. Returns the rows per table.
   */
  private Map<String, Long> awaitCommitted(Admin admin, CatalogTables tables, String dlqTopic)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.timeoutSeconds);
    Set<TopicPartition> partitions = new java.util.HashSet<>();
    for (Signal signal : Signal.values()) {
      partitions.add(new TopicPartition(signal.defaultTopic(), 0));
    }
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
    String group = "connect-" + CONNECTOR;
    long quietNanos = TimeUnit.SECONDS.toNanos(2L * options.commitIntervalSeconds + 2);
    boolean consumed = false;
    Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
    try (DeadLetters dlq =
        dlqTopic == null ? null : new DeadLetters(stack.bootstrapServers(), dlqTopic)) {
      CatalogTables.State last = null;
      long stableSince = 0;
      while (true) {
        checkHealthy();
        if (!consumed) {
          committed =
              admin
                  .listConsumerGroupOffsets(group)
                  .partitionsToOffsetAndMetadata()
                  .get(30, TimeUnit.SECONDS);
          if (dlq != null) {
            dlq.refresh();
          }
          Map<TopicPartition, OffsetAndMetadata> c = committed;
          consumed =
              partitions.stream()
                  .allMatch(
                      p -> {
                        OffsetAndMetadata o = c.get(p);
                        long end = ends.get(p).offset();
                        // Records after the committed offset count only if Connect dead-lettered
                        // them.
                        for (long next = o == null ? 0 : o.offset(); next < end; next++) {
                          if (dlq == null || !dlq.contains(p, next)) {
                            return false;
                          }
                        }
                        return true;
                      });
          if (consumed) {
            out.printf(
                "[%4ds] the connector has consumed all %d records (%d of them went to the"
                    + " dead-letter topic); waiting for the commit%n",
                elapsedSeconds(), totalProduced(), dlq == null ? 0 : dlq.size());
          }
        }
        CatalogTables.State state = tables.read();
        long now = System.nanoTime();
        if (last == null || !state.rows().equals(last.rows())) {
          last = state;
          stableSince = now;
        }
        if (consumed && now - stableSince >= quietNanos) {
          return state.rows();
        }
        if (now > deadline) {
          throw new IOException(
              "Timed out after "
                  + options.timeoutSeconds
                  + " s: "
                  + (consumed
                      ? "the tables kept changing"
                      : "the connector had not consumed all "
                          + totalProduced()
                          + " records (group "
                          + group
                          + " offsets "
                          + committed
                          + ", ends "
                          + ends
                          + ", status: "
                          + connectorStatus()
                          + ")")
                  + "; rows so far "
                  + CatalogTables.json(state.rows())
                  + "; logs in "
                  + stack.logs());
        }
        Thread.sleep(1000);
      }
    }
  }

  /**
   * Ends the run with Connect's reason when a part died or a task FAILED: Connect never restarts a
   * failed task, so waiting on would only end in a timeout.
   */
  private void checkHealthy() throws IOException {
    checkAlive();
    JsonNode status;
    try {
      status = stack.worker().status(CONNECTOR);
    } catch (Exception notAnswering) {
      return; // a worker that died is caught above; one that is busy is asked again next time
    }
    JsonNode task = ConnectWorker.failedTask(status);
    if (task != null) {
      List<String> trace = task.path("trace").asText().lines().limit(12).toList();
      throw new IOException(
          "task "
              + task.path("id").asText()
              + " of connector "
              + CONNECTOR
              + " FAILED, and Connect does not restart a failed task. Its error:\n  "
              + String.join("\n  ", trace)
              + "\n  ...\nthe whole trace: GET "
              + stack.connectUrl()
              + "/connectors/"
              + CONNECTOR
              + "/status; the worker's log: "
              + stack.worker().process().log());
    }
  }

  private void checkAlive() throws IOException {
    ChildProcess dead = stack.deadPart();
    if (dead != null) {
      throw new IOException(dead.name() + " exited; its log " + dead.log() + ":\n" + dead.tail());
    }
  }

  private void printHowToLook(String namespace) {
    String uri = stack.catalogUri();
    out.println();
    out.println(
        "Look at the result (while this runs; the catalog and warehouse stay in "
            + options.dataDir.toAbsolutePath().normalize()
            + "):");
    out.println("  REST catalog: " + uri + "   warehouse: " + stack.warehouse().toUri());
    out.println(
        "  tables: "
            + namespace
            + ".traces, "
            + namespace
            + ".logs, "
            + namespace
            + ".metrics_gauge, _sum, _histogram, _exponential_histogram, _summary");
    out.println("  SQL here, nothing to install (DuckDB in the jar; also after this stopped):");
    out.println(
        "    java -jar quickstart/target/otlp-iceberg-quickstart.jar query --data-dir "
            + options.dataDir.toAbsolutePath().normalize()
            + " \"SELECT service_name, count(*) AS spans FROM traces GROUP BY 1 ORDER BY 2 DESC\"");
    // README's Spark SQL settings, so its queries (catalog iceberg, UTC days) run as written.
    out.println(
        "  Spark SQL:  spark-sql --packages org.apache.iceberg:iceberg-spark-runtime-3.5_2.12:"
            + "1.10.1 --conf spark.sql.session.timeZone=UTC"
            + " --conf spark.sql.catalog.iceberg=org.apache.iceberg.spark.SparkCatalog"
            + " --conf spark.sql.catalog.iceberg.type=rest --conf spark.sql.catalog.iceberg.uri="
            + uri);
    out.println(
        "    SELECT service_name, count(*) AS spans, count_if(status_code ="
            + " 'STATUS_CODE_ERROR') AS errors FROM iceberg."
            + namespace
            + ".traces GROUP BY 1;");
    out.println("    (README's Spark SQL section has more)");
    out.println(
        "  PyIceberg:  load_catalog('q', uri='"
            + uri
            + "').load_table('"
            + namespace
            + ".traces').scan().to_pandas()");
    out.println(
        "  Connect REST API: "
            + stack.connectUrl()
            + "/connectors/"
            + CONNECTOR
            + "/status   Kafka: "
            + stack.bootstrapServers()
            + "   logs: "
            + stack.logs());
    out.println();
  }

  private void shutdownHook() {
    running = false;
    if (stack == null) {
      return;
    }
    boolean quiet = quietShutdown;
    if (!quiet) {
      out.println("Stopping (Connect worker, REST catalog, Kafka)...");
    }
    closeStack();
    if (!quiet) {
      out.println(
          "Stopped. Warehouse kept at "
              + stack.dataDir().resolve("warehouse")
              + ", catalog at "
              + LocalStack.catalogDir(options.dataDir.toAbsolutePath().normalize())
              + " (run again with --data-dir to serve it; --reset to start over).");
      out.flush();
    }
  }

  long totalProduced() {
    return produced.values().stream().mapToLong(AtomicLong::get).sum();
  }

  private long elapsedSeconds() {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
  }

  /** One progress line every 5 s: records produced, rows per table, time of the last commit. */
  private final class Progress {
    private final CatalogTables tables;
    private final java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "quickstart-progress");
              t.setDaemon(true);
              return t;
            });

    Progress(CatalogTables tables) {
      this.tables = tables;
    }

    void start() {
      timer.scheduleAtFixedRate(this::print, 5, 5, TimeUnit.SECONDS);
    }

    void stop() {
      timer.shutdownNow();
    }

    synchronized void print() {
      if (!running) {
        return;
      }
      String rows;
      String commit;
      try {
        CatalogTables.State state = tables.read();
        rows =
            state.rows().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        commit =
            state.lastCommitMillis() == 0
                ? "none yet"
                : CLOCK.format(Instant.ofEpochMilli(state.lastCommitMillis()));
      } catch (Exception e) {
        rows = "(catalog unavailable: " + e.getMessage() + ")";
        commit = "?";
      }
      out.printf(
          "[%4ds] produced traces=%d logs=%d metrics=%d | rows %s | last commit %s%n",
          elapsedSeconds(),
          produced.get(Signal.TRACES).get(),
          produced.get(Signal.LOGS).get(),
          produced.get(Signal.METRICS).get(),
          rows,
          commit);
    }
  }

  /** Command-line options. */
  static final class Options {
    Path dataDir = Path.of("otlp-iceberg-quickstart-data");
    Path input;
    boolean exitAfterCommit;
    boolean reset;
    boolean help;
    int batches = 20;
    long intervalMs = 1000;
    int commitIntervalSeconds = 5;
    long timeoutSeconds = 180;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        String value = null;
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
          value = arg.substring(eq + 1);
          arg = arg.substring(0, eq);
        }
        switch (arg) {
          case "--help", "-h" -> o.help = true;
          case "--exit-after-commit" -> o.exitAfterCommit = true;
          case "--reset" -> o.reset = true;
          case "--data-dir" -> o.dataDir = Path.of(value != null ? value : next(args, ++i, arg));
          case "--input" -> o.input = Path.of(value != null ? value : next(args, ++i, arg));
          case "--batches" ->
              o.batches = positive(value != null ? value : next(args, ++i, arg), arg);
          case "--interval-ms" ->
              o.intervalMs = positive(value != null ? value : next(args, ++i, arg), arg);
          case "--commit-interval-seconds" ->
              o.commitIntervalSeconds = positive(value != null ? value : next(args, ++i, arg), arg);
          case "--timeout-seconds" ->
              o.timeoutSeconds = positive(value != null ? value : next(args, ++i, arg), arg);
          default -> throw new IllegalArgumentException("Unknown option " + arg);
        }
      }
      if (o.input != null && !Files.isDirectory(o.input)) {
        throw new IllegalArgumentException("--input " + o.input + " is not a directory");
      }
      return o;
    }

    static String next(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }

    static int positive(String value, String option) {
      try {
        int n = Integer.parseInt(value);
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // below
      }
      throw new IllegalArgumentException(option + " needs a positive number, not " + value);
    }
  }
}
