package io.otlpiceberg.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.common.Uuid;

/**
 * The local stack, all on loopback, each part a JVM of its own started from the jars the build put
 * next to the quickstart jar: a KRaft broker ({@code kafka.Kafka}), Iceberg's REST catalog over a
 * sqlite file and a {@code file:} warehouse, and a distributed Connect worker
 * ({@code ConnectDistributed}) with the unpacked plugin ZIP on {@code plugin.path}.
 *
 * <p>Public for the end-to-end benchmark, which runs it once per build under test.
 */
public final class Stack implements AutoCloseable {
  private final Path runtime;
  private final Path dataDir;
  private final PrintStream out;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final List<ChildJvm> started = new ArrayList<>();

  String bootstrapServers;
  String catalogUri;
  String connectUrl;
  Path warehouse;
  Path logs;

  /**
   * @param runtime what the build put next to the quickstart jar ({@link #locateRuntime}): the
   *     broker's and the catalog's jars, and the plugin ZIP the worker loads
   */
  public Stack(Path runtime, Path dataDir, PrintStream out) {
    this.runtime = runtime;
    this.dataDir = dataDir;
    this.out = out;
    this.logs = dataDir.resolve("logs");
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String catalogUri() {
    return catalogUri;
  }

  public String connectUrl() {
    return connectUrl;
  }

  /** Where each part writes its log. */
  public Path logs() {
    return logs;
  }

  /** The directory the build filled (target/quickstart-runtime), next to the running jar. */
  public static Path locateRuntime() throws IOException {
    String override = System.getProperty("otlp.quickstart.runtime");
    if (override != null) {
      return Path.of(override);
    }
    try {
      Path jar = Path.of(Quickstart.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
      Path dir = jar.getParent().resolve("quickstart-runtime");
      if (Files.isDirectory(dir.resolve("kafka")) && Files.isDirectory(dir.resolve("rest-catalog"))) {
        return dir;
      }
      throw new IOException("No " + dir + " with kafka/ and rest-catalog/: build the repository"
          + " with mvn -B package and run the jar from quickstart/target");
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
  }

  public void start() throws Exception {
    Files.createDirectories(logs);
    String kafkaCp = classpath("kafka");
    startKafka(kafkaCp);
    startCatalog();
    startWorker(kafkaCp);
  }

  private void startKafka(String classpath) throws Exception {
    Path dir = dataDir.resolve("kafka");
    // Kafka starts empty on every run (the warehouse and the catalog are kept).
    deleteTree(dir);
    Files.createDirectories(dir);
    int port = Ports.preferred(9092);
    int controllerPort = Ports.free();
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:"
        + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    props.put("log.dirs", dir.resolve("data").toString());
    props.put("num.partitions", "1");
    props.put("auto.create.topics.enable", "true");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "4");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "4");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("group.min.session.timeout.ms", "1000");
    Path file = dir.resolve("server.properties");
    try (var w = Files.newBufferedWriter(file)) {
      props.store(w, "otlp-iceberg quickstart: single-node KRaft broker");
    }
    Path log4j = writeLog4j(dir, "kafka");
    List<String> jvm = List.of("-Xms128m", "-Xmx512m", "-XX:+UseG1GC",
        "-Dlog4j.configuration=" + log4j.toUri());
    ChildJvm format = ChildJvm.start("kafka-storage-format", classpath, jvm,
        "kafka.tools.StorageTool",
        List.of("format", "-t", Uuid.randomUuid().toString(), "-c", file.toString()),
        Map.of(), logs.resolve("kafka-format.log"));
    if (format.waitFor(120) != 0) {
      throw new IOException("Formatting Kafka's storage failed:\n" + format.tail());
    }
    ChildJvm broker = add(ChildJvm.start("kafka", classpath, jvm, "kafka.Kafka",
        List.of(file.toString()), Map.of(), logs.resolve("kafka.log")));
    bootstrapServers = "127.0.0.1:" + port;
    until("Kafka broker at " + bootstrapServers, Duration.ofSeconds(120), () -> {
      broker.assertAlive();
      new java.net.Socket("127.0.0.1", port).close();
      return Files.readString(broker.log());
    }, log -> log.contains("Kafka Server started") || log.contains("started (kafka.server"));
  }

  private void startCatalog() throws Exception {
    Path dir = dataDir.resolve("catalog");
    warehouse = dataDir.resolve("warehouse");
    Files.createDirectories(dir);
    Files.createDirectories(warehouse);
    int port = Ports.preferred(8181);
    ChildJvm catalog = add(ChildJvm.start("rest-catalog", classpath("rest-catalog"),
        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
        "org.apache.iceberg.rest.RESTCatalogServer", List.of(),
        Map.of(
            // A file: the in-memory default is per connection.
            "CATALOG_URI", "jdbc:sqlite:" + dir.resolve("catalog.sqlite"),
            "CATALOG_WAREHOUSE", warehouse.toUri().toString(),
            "CATALOG_REST_PORT", String.valueOf(port)),
        logs.resolve("rest-catalog.log")));
    catalogUri = "http://127.0.0.1:" + port;
    until("Iceberg REST catalog at " + catalogUri, Duration.ofSeconds(60), () -> {
      catalog.assertAlive();
      return get(catalogUri + "/v1/config").statusCode();
    }, status -> status == 200);
  }

  private void startWorker(String classpath) throws Exception {
    Path dir = dataDir.resolve("connect");
    deleteTree(dir);
    Files.createDirectories(dir);
    Path pluginPath = unpackPlugin(dir.resolve("plugins"));
    int port = Ports.preferred(8083);
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("group.id", "otlp-iceberg-quickstart");
    props.put("config.storage.topic", "connect-configs");
    props.put("offset.storage.topic", "connect-offsets");
    props.put("status.storage.topic", "connect-status");
    props.put("config.storage.replication.factor", "1");
    props.put("offset.storage.replication.factor", "1");
    props.put("status.storage.replication.factor", "1");
    props.put("offset.storage.partitions", "1");
    props.put("status.storage.partitions", "1");
    props.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    props.put("listeners", "http://127.0.0.1:" + port);
    props.put("rest.advertised.host.name", "127.0.0.1");
    props.put("rest.advertised.port", String.valueOf(port));
    props.put("plugin.path", pluginPath.toString());
    props.put("plugin.discovery", "service_load");
    // An idle sink task answers the Iceberg sink's commit requests only when Connect calls it.
    props.put("offset.flush.interval.ms", "1000");
    props.put("scheduled.rebalance.max.delay.ms", "0");
    Path file = dir.resolve("worker.properties");
    try (var w = Files.newBufferedWriter(file)) {
      props.store(w, "otlp-iceberg quickstart: distributed Connect worker");
    }
    Path log4j = writeLog4j(dir, "connect");
    // 1 GiB: one task at full rate holds up to ~580 MiB after a GC with 10 s commits (two tasks
    // ~640 MiB, the default 60 s commits ~550 MiB), mostly Parquet pages of the open files.
    ChildJvm worker = add(ChildJvm.start("connect-worker", classpath,
        List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-Dlog4j.configuration=" + log4j.toUri()),
        "org.apache.kafka.connect.cli.ConnectDistributed", List.of(file.toString()), Map.of(),
        logs.resolve("connect-worker.log")));
    connectUrl = "http://127.0.0.1:" + port;
    until("Connect worker at " + connectUrl + " with the otlp-iceberg plugin",
        Duration.ofSeconds(180), () -> {
          worker.assertAlive();
          HttpResponse<String> r = get(connectUrl + "/connector-plugins?connectorsOnly=false");
          return r.statusCode() == 200 ? r.body() : "";
        }, body -> body.contains("io.otlpiceberg.sink.OtlpIcebergSinkConnector")
            && body.contains("io.otlpiceberg.converter.OtlpConverter"));
  }

  /** The connector's plugin ZIP, unpacked into a fresh plugin.path as a user installs it. */
  private Path unpackPlugin(Path pluginPath) throws IOException {
    Path zipFile = null;
    try (DirectoryStream<Path> zips = Files.newDirectoryStream(runtime,
        "otlp-iceberg-connector-*.zip")) {
      for (Path zip : zips) {
        // The newest, should an older version's ZIP still lie there.
        if (zipFile == null || Files.getLastModifiedTime(zip).compareTo(
            Files.getLastModifiedTime(zipFile)) > 0) {
          zipFile = zip;
        }
      }
    }
    if (zipFile == null) {
      throw new IOException("No otlp-iceberg-connector-*.zip in " + runtime
          + ": build the repository with mvn -B package");
    }
    Files.createDirectories(pluginPath);
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(zipFile))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        Path target = pluginPath.resolve(entry.getName()).normalize();
        if (!target.startsWith(pluginPath)) {
          throw new IOException("Zip entry outside the target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(zip, target);
        }
      }
    }
    return pluginPath;
  }

  /** POST /connectors with the given body; fails with Connect's answer unless it is 201. */
  public void createConnector(String body) throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create(connectUrl + "/connectors"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IOException("POST /connectors answered " + response.statusCode() + ": "
          + response.body());
    }
  }

  /** GET /connectors/{name}/status, or null when Connect does not answer. */
  String connectorStatus(String name) {
    try {
      HttpResponse<String> r = get(connectUrl + "/connectors/" + name + "/status");
      return r.statusCode() == 200 ? r.body() : null;
    } catch (Exception e) {
      return null;
    }
  }

  /** A child that died (null if all run). */
  ChildJvm deadChild() {
    for (ChildJvm child : started) {
      if (!child.isAlive()) {
        return child;
      }
    }
    return null;
  }

  HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private String classpath(String name) throws IOException {
    Path dir = runtime.resolve(name);
    try (var files = Files.list(dir)) {
      List<String> jars = files.filter(p -> p.toString().endsWith(".jar")).sorted()
          .map(Path::toString).toList();
      if (jars.isEmpty()) {
        throw new IOException("No jars in " + dir);
      }
      return String.join(java.io.File.pathSeparator, jars);
    }
  }

  private static Path writeLog4j(Path dir, String name) throws IOException {
    Path file = dir.resolve("log4j.properties");
    Files.writeString(file, String.join("\n",
        "log4j.rootLogger=INFO, stdout",
        "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
        "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
        "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c{1})%n",
        "log4j.logger.org.apache.kafka.clients=WARN",
        "log4j.logger.org.apache.kafka.common=WARN",
        "log4j.logger.org.reflections=ERROR",
        "log4j.logger.org.apache.hadoop=WARN",
        "log4j.logger.kafka=" + ("kafka".equals(name) ? "INFO" : "WARN"),
        "log4j.logger.state.change.logger=WARN",
        ""));
    return file;
  }

  private ChildJvm add(ChildJvm child) {
    started.add(child);
    out.printf("  started %-14s pid %d, log %s%n", child.name(), child.pid(), child.log());
    return child;
  }

  static <T> T until(String what, Duration timeout, Callable<T> value, Predicate<T> done)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    Exception lastError = null;
    while (true) {
      try {
        last = value.call();
        lastError = null;
        if (done.test(last)) {
          return last;
        }
      } catch (IOException e) {
        lastError = e;
        if (e.getMessage() != null && e.getMessage().contains(" exited with ")) {
          throw e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("Timed out after " + timeout.toSeconds() + " s waiting for " + what
            + (lastError != null ? ": " + lastError : ""), lastError);
      }
      Thread.sleep(250);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = Stack.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("No resource " + name + " in the quickstart jar");
      }
      return in.readAllBytes();
    }
  }

  /** Stops the worker first (its tasks close cleanly while Kafka is up), then catalog, broker. */
  @Override
  public synchronized void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).stop();
    }
    started.clear();
  }
}
