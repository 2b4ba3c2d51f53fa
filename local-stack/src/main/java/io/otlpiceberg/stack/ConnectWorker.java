package io.otlpiceberg.stack;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A distributed Connect worker as users run it, {@code ConnectDistributed worker.properties} in a
 * JVM of its own, with Kafka's jars only on its classpath and the plugin on {@code plugin.path};
 * and a client of its REST API. Workers built with the same broker join one Connect cluster.
 */
public final class ConnectWorker extends ChildPart {
  /**
   * G1, as Kafka's scripts start a worker. The parallel collector was measured against it end to
   * end (benchmarks/README.md, EndToEnd {@code --worker-gc}) and moved the figures by less than the
   * noise of the machine.
   */
  public static final String DEFAULT_COLLECTOR = "-XX:+UseG1GC";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PLUGIN_CONNECTOR = "io.otlpiceberg.sink.OtlpIcebergSinkConnector";
  private static final String PLUGIN_CONVERTER = "io.otlpiceberg.converter.OtlpConverter";

  private final StackRuntime runtime;
  private final Path dir;
  private final Path properties;
  private final String heap;
  private final String collector;
  private final Map<String, String> env;
  private final boolean logAsShipped;
  private final String url;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ConnectWorker(Builder b) throws IOException {
    super(b.name, b.logs != null ? b.logs : b.dir);
    this.runtime = b.runtime;
    this.dir = b.dir;
    this.heap = b.heap;
    this.collector = b.collector;
    this.env = Map.copyOf(b.env);
    this.logAsShipped = b.logAsShipped;
    int port = Ports.preferred(b.port);
    this.url = "http://127.0.0.1:" + port;
    Properties props = new Properties();
    props.put("bootstrap.servers", b.bootstrapServers);
    props.put("group.id", "otlp-iceberg-local");
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
    props.put("plugin.path", b.pluginPath.toString());
    props.put("plugin.discovery", "service_load");
    // Sink tasks call put() at least this often even when idle, which is when the Iceberg sink
    // answers commit requests (an idle task otherwise stalls a round until its timeout).
    props.put("offset.flush.interval.ms", "1000");
    // A restarted worker gets its tasks back at once rather than after the default 5 minutes.
    props.put("scheduled.rebalance.max.delay.ms", "0");
    props.put("connector.client.config.override.policy", "All");
    // Connector configs may then say ${file:/path/secrets.properties:key}: the REST API, the
    // config topic and the logs show the placeholder, only the task sees the value.
    props.put("config.providers", "file");
    props.put(
        "config.providers.file.class",
        "org.apache.kafka.common.config.provider.FileConfigProvider");
    props.putAll(b.properties);
    Files.createDirectories(dir);
    this.properties = dir.resolve("worker.properties");
    try (var out = Files.newBufferedWriter(properties)) {
      props.store(out, "otlp-iceberg local stack: distributed Connect worker " + b.name);
    }
  }

  /**
   * @param pluginPath the worker's plugin.path, e.g. from {@link PluginZip#unpack}
   */
  public static Builder builder(
      StackRuntime runtime, Path dir, String bootstrapServers, Path pluginPath) {
    return new Builder(runtime, dir, bootstrapServers, pluginPath);
  }

  /** How the worker is set up; {@link #start()} starts it. */
  public static final class Builder {
    private final StackRuntime runtime;
    private final Path dir;
    private final String bootstrapServers;
    private final Path pluginPath;
    private String name = "connect-worker";
    private Path logs;
    private int port;
    // One task at full rate holds up to ~580 MiB after a GC with 10 s commits (two tasks
    // ~640 MiB), mostly Parquet pages of the open files.
    private String heap = "1g";
    private String collector = DEFAULT_COLLECTOR;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> env = new HashMap<>();
    private boolean logAsShipped;

    private Builder(StackRuntime runtime, Path dir, String bootstrapServers, Path pluginPath) {
      this.runtime = runtime;
      this.dir = dir;
      this.bootstrapServers = bootstrapServers;
      this.pluginPath = pluginPath;
    }

    /** Names the worker's process and logs (a second worker of a cluster needs its own). */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder preferredPort(int port) {
      this.port = port;
      return this;
    }

    public Builder logs(Path logs) {
      this.logs = logs;
      return this;
    }

    public Builder heap(String heap) {
      this.heap = heap;
      return this;
    }

    /** The worker's garbage collector, as its JVM flag; {@link #DEFAULT_COLLECTOR} unless set. */
    public Builder collector(String flag) {
      this.collector = flag;
      return this;
    }

    /** A worker setting over the defaults (e.g. SASL settings for the worker's own clients). */
    public Builder property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    public Builder properties(Map<String, String> properties) {
      this.properties.putAll(properties);
      return this;
    }

    /** Environment of the worker's JVM (e.g. AWS credentials, as MSK Connect provides them). */
    public Builder env(Map<String, String> env) {
      this.env.putAll(env);
      return this;
    }

    /**
     * Seconds, not the default 45, to notice a dead worker or task consumer: for tests that kill
     * workers. Too tight for a loaded machine running a benchmark.
     */
    /**
     * Every logger at INFO, as the Kafka distribution's connect-log4j.properties has it (config
     * dumps of every client included), instead of the quieter default: for tests of what a log
     * shows.
     */
    public Builder logAsShipped() {
      this.logAsShipped = true;
      return this;
    }

    public Builder fastFailureDetection() {
      properties.put("session.timeout.ms", "6000");
      properties.put("heartbeat.interval.ms", "1000");
      properties.put("consumer.session.timeout.ms", "6000");
      properties.put("consumer.heartbeat.interval.ms", "1000");
      return this;
    }

    /** Writes the worker's configuration; {@link ConnectWorker#start()} starts it. */
    public ConnectWorker build() throws IOException {
      return new ConnectWorker(this);
    }

    public ConnectWorker start() throws Exception {
      return ChildPart.started(build());
    }
  }

  @Override
  protected ChildProcess launch(String name, Path log) throws Exception {
    return ChildProcess.start(
        name,
        runtime.classpath(StackRuntime.KAFKA),
        List.of(
            "-Xms256m",
            "-Xmx" + heap,
            collector,
            Log4jConfig.write(
                dir, "INFO", logAsShipped ? Map.of() : Log4jConfig.quietAnd("kafka", "WARN"))),
        "org.apache.kafka.connect.cli.ConnectDistributed",
        List.of(properties.toString()),
        env,
        log);
  }

  /** Until the REST API lists our connector and converter: the plugin has loaded. */
  @Override
  protected void awaitReady(ChildProcess jvm) throws Exception {
    Poll.until(
        name() + " at " + url + " with the otlp-iceberg plugin",
        Duration.ofSeconds(180),
        () -> {
          jvm.assertAlive();
          return get("/connector-plugins?connectorsOnly=false");
        },
        body -> body.contains(PLUGIN_CONNECTOR) && body.contains(PLUGIN_CONVERTER));
  }

  public String url() {
    return url;
  }

  /** Everything this worker logged so far, over its restarts. */
  public String logs() throws IOException {
    return logText();
  }

  /** POST /connectors with a body as users send it; fails with Connect's answer unless 201. */
  public void createConnector(String body) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/connectors"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IOException(
          "POST /connectors answered " + response.statusCode() + ": " + response.body());
    }
  }

  public void createConnector(String connector, Map<String, String> config)
      throws IOException, InterruptedException {
    createConnector(JSON.writeValueAsString(Map.of("name", connector, "config", config)));
  }

  /**
   * PUT /connectors/{name}/config, as a user changes a running connector: Connect restarts its
   * tasks with the new config. Fails with Connect's answer unless 200.
   */
  public void updateConnector(String connector, Map<String, String> config)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/connectors/" + connector + "/config"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "PUT /connectors/"
              + connector
              + "/config answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
  }

  /** PUT /connector-plugins/{class}/config/validate: Connect's own validation of a config. */
  public JsonNode validate(String connectorClass, Map<String, String> config)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(url + "/connector-plugins/" + connectorClass + "/config/validate"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("validate answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  public void deleteConnector(String connector) throws IOException, InterruptedException {
    http.send(
        HttpRequest.newBuilder(URI.create(url + "/connectors/" + connector)).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * POST /connectors/{name}/tasks/{task}/restart, what an operator does for a FAILED task; returns
   * once the status no longer shows it FAILED (Connect answers before the status moves on).
   */
  public void restartTask(String connector, int task) throws IOException, InterruptedException {
    String path = "/connectors/" + connector + "/tasks/" + task + "/restart";
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url + path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          "POST " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    Poll.until(
        "task " + task + " of " + connector + " no longer FAILED after its restart",
        Duration.ofSeconds(30),
        () -> status(connector),
        s -> !"FAILED".equals(s.path("tasks").path(task).path("state").asText()));
  }

  /** GET /connectors/{name}/config: the config as stored, config-provider placeholders kept. */
  public JsonNode connectorConfig(String connector) throws IOException, InterruptedException {
    return JSON.readTree(get("/connectors/" + connector + "/config"));
  }

  /** GET /connectors/{name}/status; an IOException while Connect does not know it. */
  public JsonNode status(String connector) throws IOException, InterruptedException {
    return JSON.readTree(get("/connectors/" + connector + "/status"));
  }

  /** {@link #awaitRunning(String, int, Duration)} for up to two minutes. */
  public void awaitRunning(String connector, int tasks) throws InterruptedException {
    awaitRunning(connector, tasks, Duration.ofMinutes(2));
  }

  /**
   * Waits until the connector and {@code tasks} tasks run. A FAILED task ends the wait at once,
   * with its trace, since Connect never restarts it on its own.
   */
  public void awaitRunning(String connector, int tasks, Duration timeout)
      throws InterruptedException {
    Poll.until(
        connector + " RUNNING with " + tasks + " task(s)",
        timeout,
        () -> {
          process().assertAlive();
          return status(connector);
        },
        s -> {
          JsonNode task = failedTask(s);
          if (task != null) {
            throw new Poll.GiveUp(
                "Task "
                    + task.path("id").asText()
                    + " of "
                    + connector
                    + " FAILED on "
                    + task.path("worker_id").asText()
                    + ":\n"
                    + task.path("trace").asText());
          }
          if ("FAILED".equals(s.path("connector").path("state").asText())) {
            throw new Poll.GiveUp(
                connector + " FAILED:\n" + s.path("connector").path("trace").asText());
          }
          return "RUNNING".equals(s.path("connector").path("state").asText())
              && s.path("tasks").size() == tasks
              && s.path("tasks").findValuesAsText("state").stream().allMatch("RUNNING"::equals);
        });
  }

  /**
   * Waits until one of the connector's tasks has FAILED, as a test of a failure expects, and
   * returns its trace.
   */
  public String awaitFailedTask(String connector, Duration timeout) throws InterruptedException {
    JsonNode status =
        Poll.until(
            connector + " task FAILED",
            timeout,
            () -> {
              process().assertAlive();
              return status(connector);
            },
            s -> failedTask(s) != null);
    return failedTask(status).path("trace").asText();
  }

  /** The first task in a connector's status that FAILED (with its trace), or null. */
  public static JsonNode failedTask(JsonNode status) {
    for (JsonNode task : status.path("tasks")) {
      if ("FAILED".equals(task.path("state").asText())) {
        return task;
      }
    }
    return null;
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
