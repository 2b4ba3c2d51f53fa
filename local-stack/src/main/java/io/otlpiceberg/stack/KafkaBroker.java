package io.otlpiceberg.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft broker ({@code kafka.Kafka}, broker and controller in one) in a JVM of its
 * own, on loopback. Its storage is formatted on the first start and kept over {@code stop()} and
 * {@code start()}, so a test can take the broker away and bring it back with its data. With {@link
 * Builder#scram} its only client listener requires SASL/SCRAM, the stand-in for MSK's IAM listener,
 * where nothing reaches the cluster without authenticating.
 */
public final class KafkaBroker extends ChildPart {
  public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
  private static final String ADMIN = "admin";
  private static final String ADMIN_PASSWORD = "admin-secret";

  private final StackRuntime runtime;
  private final Path dir;
  private final Map<String, String> scramUsers;
  private final Map<String, String> extraProperties;
  private final int port;
  private final int controllerPort;
  private BrokerClients clients;

  private KafkaBroker(Builder b) throws IOException {
    super("kafka", b.logs != null ? b.logs : b.dir);
    this.runtime = b.runtime;
    this.dir = b.dir;
    this.scramUsers = b.scramUsers;
    this.extraProperties = Map.copyOf(b.properties);
    this.port = Ports.preferred(b.port);
    this.controllerPort = Ports.free();
  }

  public static Builder builder(StackRuntime runtime, Path dir) {
    return new Builder(runtime, dir);
  }

  /** How the broker is set up; {@link #start()} starts it. */
  public static final class Builder {
    private final StackRuntime runtime;
    private final Path dir;
    private Path logs;
    private int port;
    private Map<String, String> scramUsers;
    private final Map<String, String> properties = new LinkedHashMap<>();

    private Builder(StackRuntime runtime, Path dir) {
      this.runtime = runtime;
      this.dir = dir;
    }

    /** The client port wanted (e.g. 9092), taken when free; any free port otherwise. */
    public Builder preferredPort(int port) {
      this.port = port;
      return this;
    }

    /** Where the broker's log goes (default: its own directory). */
    public Builder logs(Path logs) {
      this.logs = logs;
      return this;
    }

    /** SASL/SCRAM only, with an admin user and these users (name to password). */
    public Builder scram(Map<String, String> users) {
      this.scramUsers = Map.copyOf(users);
      return this;
    }

    /** A broker setting over the single-node defaults. */
    public Builder property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    /** The part, not started: it may be closed (a no-op) before {@link KafkaBroker#start()}. */
    public KafkaBroker build() throws IOException {
      return new KafkaBroker(this);
    }

    public KafkaBroker start() throws Exception {
      return ChildPart.started(build());
    }
  }

  /** The broker, formatting its storage the first time. */
  @Override
  protected ChildProcess launch(String name, Path log) throws Exception {
    Path serverProperties = writeServerProperties();
    String classpath = runtime.classpath(StackRuntime.KAFKA);
    List<String> jvmArgs =
        List.of(
            "-Xms128m",
            "-Xmx512m",
            "-XX:+UseG1GC",
            Log4jConfig.write(dir, "INFO", Log4jConfig.quietAnd("kafka", "INFO")));
    if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
      format(classpath, jvmArgs, serverProperties);
    }
    return ChildProcess.start(
        name,
        classpath,
        jvmArgs,
        "kafka.Kafka",
        List.of(serverProperties.toString()),
        Map.of(),
        log);
  }

  /** Until the broker describes a cluster of one node to its admin user. */
  @Override
  protected void awaitReady(ChildProcess jvm) throws Exception {
    Map<String, Object> config = new HashMap<>(clientProperties());
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    try (Admin admin = Admin.create(config)) {
      Poll.until(
          "Kafka broker at " + bootstrapServers(),
          Duration.ofSeconds(120),
          () -> {
            jvm.assertAlive();
            return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
          },
          nodes -> nodes == 1);
    }
  }

  private void format(String classpath, List<String> jvmArgs, Path serverProperties)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "format", "-t", Uuid.randomUuid().toString(), "-c", serverProperties.toString()));
    if (scramUsers != null) {
      // SCRAM users must exist before the first start: nothing can log in to create them.
      Map<String, String> users = new LinkedHashMap<>();
      users.put(ADMIN, ADMIN_PASSWORD);
      users.putAll(scramUsers);
      users.forEach(
          (name, password) -> {
            args.add("--add-scram");
            args.add(SCRAM_MECHANISM + "=[name=" + name + ",password=" + password + "]");
          });
    }
    ChildProcess format =
        ChildProcess.start(
            "kafka-storage-format",
            classpath,
            jvmArgs,
            "kafka.tools.StorageTool",
            args,
            Map.of(),
            logDir().resolve("kafka-format.log"));
    int exit = format.awaitExit(120);
    if (exit != 0) {
      throw new IOException(
          "Formatting Kafka's storage exited with " + exit + ":\n" + format.tail());
    }
  }

  private Path writeServerProperties() throws IOException {
    Files.createDirectories(dir);
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put("controller.listener.names", "CONTROLLER");
    if (scramUsers == null) {
      props.put(
          "listeners",
          "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
      props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
      props.put("inter.broker.listener.name", "PLAINTEXT");
      props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    } else {
      props.put(
          "listeners",
          "SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
      props.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port);
      props.put("inter.broker.listener.name", "SASL_PLAINTEXT");
      props.put(
          "listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
      props.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
      props.put("sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM);
      props.put(
          "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
          jaas(ADMIN, ADMIN_PASSWORD));
    }
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
    // A crashed worker leaves transactions open; abort them soon, not after a minute.
    props.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    props.putAll(extraProperties);
    Path file = dir.resolve("server.properties");
    try (var out = Files.newBufferedWriter(file)) {
      props.store(out, "otlp-iceberg local stack: single-node KRaft broker");
    }
    return file;
  }

  public static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  /** What a client of a SCRAM broker needs besides bootstrap.servers, as {@code user}. */
  public static Map<String, String> scramClientProperties(String user, String password) {
    return Map.of(
        "security.protocol",
        "SASL_PLAINTEXT",
        "sasl.mechanism",
        SCRAM_MECHANISM,
        "sasl.jaas.config",
        jaas(user, password));
  }

  /** What an admin client needs besides bootstrap.servers (nothing for PLAINTEXT). */
  public Map<String, String> clientProperties() {
    return scramUsers == null ? Map.of() : scramClientProperties(ADMIN, ADMIN_PASSWORD);
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** An admin and a producer as the broker's admin user, made on first use. */
  public synchronized BrokerClients clients() {
    if (clients == null) {
      clients = new BrokerClients(bootstrapServers(), clientProperties());
    }
    return clients;
  }

  public void createTopic(String name, int partitions) throws Exception {
    clients().createTopic(name, partitions);
  }

  public void send(String topic, Integer partition, byte[] value) throws Exception {
    clients().send(topic, partition, value);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (clients != null) {
        clients.close();
        clients = null;
      }
    }
    super.close();
  }
}
