package io.otlpiceberg.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A distributed-mode Connect worker as users run it: {@code ConnectDistributed worker.properties}
 * in its own JVM, with Kafka's jars only on its classpath and our plugin on {@code plugin.path}.
 */
final class ConnectWorker implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Path properties;
  private final String url;
  private final HttpClient http = HttpClient.newHttpClient();
  private ChildJvm jvm;
  private int starts;

  private final Map<String, String> env;

  private ConnectWorker(Path dir, Path properties, String url, Map<String, String> env) {
    this.dir = dir;
    this.properties = properties;
    this.url = url;
    this.env = Map.copyOf(env);
  }

  static ConnectWorker create(Path dir, String bootstrapServers, Path pluginPath)
      throws IOException {
    return create(dir, bootstrapServers, pluginPath, Map.of(), Map.of());
  }

  /**
   * A worker with extra worker properties (e.g. SASL settings for its own clients, which override
   * the defaults below) and extra environment variables for its JVM (e.g. AWS credentials).
   */
  static ConnectWorker create(Path dir, String bootstrapServers, Path pluginPath,
      Map<String, String> extraWorkerProperties, Map<String, String> env) throws IOException {
    Files.createDirectories(dir);
    int port = ItEnv.freePort();
    String id = dir.getFileName().toString();
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("group.id", "connect-cluster-" + id);
    props.put("config.storage.topic", id + "-configs");
    props.put("offset.storage.topic", id + "-offsets");
    props.put("status.storage.topic", id + "-status");
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
    // Sink tasks call put() at least this often even when idle, which is when the Iceberg sink
    // answers commit requests (an idle task otherwise stalls a round until its timeout).
    props.put("offset.flush.interval.ms", "1000");
    // A restarted worker gets its tasks back at once rather than after the default 5 minutes.
    props.put("scheduled.rebalance.max.delay.ms", "0");
    props.put("session.timeout.ms", "6000");
    props.put("heartbeat.interval.ms", "1000");
    props.put("consumer.session.timeout.ms", "6000");
    props.put("consumer.heartbeat.interval.ms", "1000");
    props.put("connector.client.config.override.policy", "All");
    props.putAll(extraWorkerProperties);
    Path file = dir.resolve("worker.properties");
    try (var out = Files.newBufferedWriter(file)) {
      props.store(out, "Connect worker of an integration test");
    }
    Files.writeString(dir.resolve("log4j.properties"), String.join("\n",
        "log4j.rootLogger=INFO, stdout",
        "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
        "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
        "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c{1})%n",
        "log4j.logger.org.apache.kafka.clients=WARN",
        "log4j.logger.org.apache.kafka.common=WARN",
        "log4j.logger.org.reflections=ERROR",
        "log4j.logger.org.apache.hadoop=WARN",
        "log4j.logger.org.apache.iceberg=INFO",
        ""));
    return new ConnectWorker(dir, file, "http://127.0.0.1:" + port, env);
  }

  /** Starts the worker JVM and waits until its REST API lists our connector plugin. */
  void start() throws Exception {
    starts++;
    jvm = ChildJvm.start("connect-worker", ItEnv.classpath("connect-worker"),
        List.of("-Xms256m", "-Xmx768m", "-XX:+UseG1GC",
            "-Dlog4j.configuration=" + dir.resolve("log4j.properties").toUri()),
        "org.apache.kafka.connect.cli.ConnectDistributed", List.of(properties.toString()),
        env, dir.resolve("worker-" + starts + ".log"));
    Poll.until("Connect worker REST API with the otlp-iceberg plugin", Duration.ofSeconds(120),
        () -> {
          jvm.assertAlive();
          return get("/connector-plugins?connectorsOnly=false");
        },
        body -> body.contains("io.otlpiceberg.sink.OtlpIcebergSinkConnector")
            && body.contains("io.otlpiceberg.converter.OtlpConverter"));
  }

  void stop() throws InterruptedException {
    if (jvm != null) {
      jvm.stop();
    }
  }

  void kill() throws InterruptedException {
    if (jvm != null) {
      jvm.kill();
    }
  }

  ChildJvm jvm() {
    return jvm;
  }

  /** All logs of this worker so far, over restarts. */
  String logs() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= starts; i++) {
      Path log = dir.resolve("worker-" + i + ".log");
      if (Files.exists(log)) {
        text.append(Files.readString(log));
      }
    }
    return text.toString();
  }

  /** POST /connectors; fails with Connect's answer unless it is 201. */
  void createConnector(String name, Map<String, String> config) throws Exception {
    String body = JSON.writeValueAsString(Map.of("name", name, "config", config));
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create(url + "/connectors"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new AssertionError("POST /connectors answered " + response.statusCode() + ": "
          + response.body());
    }
  }

  /** PUT /connector-plugins/{class}/config/validate: Connect's own validation of a config. */
  JsonNode validate(String connectorClass, Map<String, String> config) throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create(url + "/connector-plugins/" + connectorClass
                + "/config/validate"))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("validate answered " + response.statusCode() + ": "
          + response.body());
    }
    return JSON.readTree(response.body());
  }

  void deleteConnector(String name) throws Exception {
    http.send(HttpRequest.newBuilder(URI.create(url + "/connectors/" + name)).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonNode status(String name) throws Exception {
    return JSON.readTree(get("/connectors/" + name + "/status"));
  }

  /** Waits until the connector and all its tasks run. */
  void awaitRunning(String name, int tasks) throws Exception {
    Poll.until(name + " RUNNING with " + tasks + " task(s)", Duration.ofSeconds(90),
        () -> {
          jvm.assertAlive();
          return status(name);
        },
        s -> {
          if (s.path("tasks").toString().contains("FAILED")) {
            throw new AssertionError("Task failed: " + s);
          }
          return "RUNNING".equals(s.path("connector").path("state").asText())
              && s.path("tasks").size() == tasks
              && s.path("tasks").findValuesAsText("state").stream()
                  .allMatch("RUNNING"::equals);
        });
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create(url + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return response.body();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
