package io.otlpiceberg.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft broker, as its own JVM, whose only client listener requires SASL/SCRAM:
 * the stand-in for MSK's IAM listener, where nothing reaches the cluster without authenticating.
 * Users are created when the storage is formatted, before the broker first starts.
 */
final class SaslKafkaBroker implements AutoCloseable {
  static final String MECHANISM = "SCRAM-SHA-512";
  private static final String ADMIN = "admin";
  private static final String ADMIN_PASSWORD = "admin-secret";

  private final ChildJvm jvm;
  private final String bootstrapServers;
  private final BrokerClients clients;

  private SaslKafkaBroker(ChildJvm jvm, String bootstrapServers) {
    this.jvm = jvm;
    this.bootstrapServers = bootstrapServers;
    this.clients = new BrokerClients(bootstrapServers, clientProperties(ADMIN, ADMIN_PASSWORD));
  }

  /**
   * Starts the broker with an admin user and the given users (name to password).
   */
  static SaslKafkaBroker start(Path dir, Map<String, String> users) throws Exception {
    Files.createDirectories(dir);
    int port = ItEnv.freePort();
    int controllerPort = ItEnv.freePort();
    Path properties = dir.resolve("server.properties");
    Properties server = KafkaBroker.singleNodeProperties();
    server.put("process.roles", "broker,controller");
    server.put("node.id", "1");
    server.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    server.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + port
        + ",CONTROLLER://127.0.0.1:" + controllerPort);
    server.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port);
    server.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
    server.put("controller.listener.names", "CONTROLLER");
    server.put("inter.broker.listener.name", "SASL_PLAINTEXT");
    server.put("sasl.enabled.mechanisms", MECHANISM);
    server.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
    server.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
        jaas(ADMIN, ADMIN_PASSWORD));
    server.put("log.dirs", dir.resolve("data").toString());
    server.put("num.partitions", "1");
    try (var out = Files.newBufferedWriter(properties)) {
      server.store(out, "SASL-only broker of an integration test");
    }
    Path log4j = dir.resolve("log4j.properties");
    Files.writeString(log4j, String.join("\n",
        "log4j.rootLogger=WARN, stdout",
        "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
        "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
        "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c{1})%n",
        "log4j.logger.kafka.server.KafkaServer=INFO",
        "log4j.logger.org.apache.kafka.common.security=INFO", ""));

    // The test JVM's own classpath has the broker (kafka_2.13) for the in-process broker.
    String classpath = System.getProperty("java.class.path");
    List<String> jvmArgs = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dlog4j.configuration=" + log4j.toUri());
    List<String> format = new java.util.ArrayList<>(List.of("format", "-t",
        Uuid.randomUuid().toString(), "-c", properties.toString(),
        "--add-scram", MECHANISM + "=[name=" + ADMIN + ",password=" + ADMIN_PASSWORD + "]"));
    users.forEach((name, password) -> {
      format.add("--add-scram");
      format.add(MECHANISM + "=[name=" + name + ",password=" + password + "]");
    });
    ChildJvm formatter = ChildJvm.start("kafka-storage-format", classpath, jvmArgs,
        "kafka.tools.StorageTool", format, Map.of(), dir.resolve("format.log"));
    int exit = formatter.awaitExit(60);
    if (exit != 0) {
      throw new IllegalStateException("kafka-storage format exited with " + exit + ":\n"
          + formatter.logText());
    }

    ChildJvm jvm = ChildJvm.start("kafka-sasl", classpath, jvmArgs, "kafka.Kafka",
        List.of(properties.toString()), Map.of(), dir.resolve("broker.log"));
    SaslKafkaBroker broker = new SaslKafkaBroker(jvm, "127.0.0.1:" + port);
    try {
      Poll.until("SASL broker on port " + port, Duration.ofSeconds(60), () -> {
        jvm.assertAlive();
        return broker.clients.admin().describeCluster().nodes().get().size();
      }, nodes -> nodes == 1);
    } catch (Exception | Error e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user + "\" password=\"" + password + "\";";
  }

  /** What any client of this broker needs besides bootstrap.servers. */
  static Map<String, String> clientProperties(String user, String password) {
    return Map.of(
        "security.protocol", "SASL_PLAINTEXT",
        "sasl.mechanism", MECHANISM,
        "sasl.jaas.config", jaas(user, password));
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  ChildJvm jvm() {
    return jvm;
  }

  BrokerClients clients() {
    return clients;
  }

  void createTopic(String name, int partitions) throws Exception {
    clients.createTopic(name, partitions);
  }

  void send(String topic, Integer partition, byte[] value) throws Exception {
    clients.send(topic, partition, value);
  }

  @Override
  public void close() throws InterruptedException {
    clients.close();
    jvm.stop();
  }
}
