package io.otlpiceberg.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.otlpiceberg.stack.ConnectWorker;
import io.otlpiceberg.stack.KafkaBroker;
import io.otlpiceberg.stack.RestCatalogServer;
import io.otlpiceberg.stack.StackRuntime;
import io.otlpiceberg.stack.StartedParts;
import io.otlpiceberg.tables.OtlpTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MSK with IAM, stood in for by a broker whose only listener requires SASL/SCRAM. The worker's own
 * clients authenticate as one user, the Iceberg sink's control-topic clients as another through
 * {@code iceberg.kafka.*}, as MSK Connect users pass the IAM login module there.
 *
 * <p>The wrong-password case is the proof: Iceberg's sink 1.12 also reads a ConnectDistributed
 * worker's properties file (found from {@code sun.java.command}) and lays {@code iceberg.kafka.*}
 * over it, so here a right password would commit even if the sink ignored our settings. Only a
 * wrong one in {@code iceberg.kafka.*}, with the worker's own settings right, shows they reach the
 * control-topic clients. On MSK Connect the worker file is not readable, so they are all it has.
 */
class SaslControlTopicIT {
  private static final Duration COMMIT_WAIT = Duration.ofSeconds(90);
  private static final String WORKER_USER = "connect-worker";
  private static final String WORKER_PASSWORD = "worker-secret";
  private static final String SINK_USER = "otlp-iceberg";
  private static final String SINK_PASSWORD = "sink-secret";
  private static final StartedParts STARTED = new StartedParts();
  private static KafkaBroker kafka;
  private static RestCatalogServer catalogServer;
  private static RESTCatalog catalog;
  private static ConnectWorker worker;

  @BeforeAll
  static void startStack() throws Exception {
    Path dir = ItEnv.freshDir("sasl-it");
    StackRuntime runtime = ItEnv.runtime();
    STARTED.startOrClose(
        () -> {
          kafka =
              add(
                  KafkaBroker.builder(runtime, dir.resolve("kafka"))
                      .scram(Map.of(WORKER_USER, WORKER_PASSWORD, SINK_USER, SINK_PASSWORD))
                      .build());
          kafka.start();
          catalogServer = add(RestCatalogServer.builder(runtime, dir.resolve("catalog")).build());
          catalogServer.start();
          catalog = add(ItCatalogs.rest(catalogServer.uri()));
          Map<String, String> workerSasl = new LinkedHashMap<>();
          KafkaBroker.scramClientProperties(WORKER_USER, WORKER_PASSWORD)
              .forEach(
                  (k, v) -> {
                    workerSasl.put(k, v);
                    // Connect's producers, consumers (the sink tasks' source consumer) and admin
                    // clients.
                    workerSasl.put("producer." + k, v);
                    workerSasl.put("consumer." + k, v);
                    workerSasl.put("admin." + k, v);
                  });
          worker =
              add(
                  ConnectWorker.builder(
                          runtime,
                          dir.resolve("worker"),
                          kafka.bootstrapServers(),
                          ItEnv.pluginPath(dir))
                      .properties(workerSasl)
                      .fastFailureDetection()
                      .build());
          worker.start();
        });
  }

  private static <T extends AutoCloseable> T add(T part) {
    return STARTED.add(part);
  }

  @AfterAll
  static void stopStack() throws Exception {
    STARTED.close();
  }

  @Test
  void controlTopicClientsAuthenticateThroughIcebergKafkaSettingsAndCommit() throws Exception {
    String name = "sasl-ok";
    String ns = "sasl_ok";
    Map<String, String> config = config(name, ns, SINK_PASSWORD);
    SignalTopics topics = new SignalTopics(name);
    ExpectedRows expected = new ExpectedRows(topics.converterConfig());
    topics.sendOneRequestEach(kafka.clients(), expected);

    worker.createConnector(name, config);
    try {
      worker.awaitRunning(name, 1);
      expected.awaitEveryTable(catalog, ns, COMMIT_WAIT);
    } finally {
      worker.deleteConnector(name);
    }
  }

  @Test
  void wrongControlTopicPasswordCommitsNothingAndSaysAuthenticationFailed() throws Exception {
    String name = "sasl-wrong";
    String ns = "sasl_wrong";
    Map<String, String> config = config(name, ns, "not-the-password");
    SignalTopics topics = new SignalTopics(name);
    topics.sendOneRequestEach(kafka.clients(), new ExpectedRows(topics.converterConfig()));

    worker.createConnector(name, config);
    try {
      // The worker authenticates, so the task starts and reads its records; only the sink's own
      // clients are refused, and the task fails on them.
      assertThat(worker.awaitFailedTask(name, Duration.ofSeconds(90)))
          .containsAnyOf("SaslAuthenticationException", "Authentication failed");
      assertThat(worker.logs())
          .contains(
              "Authentication failed during authentication due to"
                  + " invalid credentials with SASL mechanism SCRAM-SHA-512");
      for (OtlpTable table : OtlpTable.values()) {
        assertThat(Tables.snapshots(catalog, ns, table.tableName()))
            .as("snapshots of %s.%s", ns, table.tableName())
            .isEmpty();
      }
    } finally {
      worker.deleteConnector(name);
    }
  }

  /** config-examples/local.json with the SASL settings for the sink's own clients. */
  private static Map<String, String> config(String name, String namespace, String password)
      throws Exception {
    Map<String, String> config = ItConfigs.example("local.json");
    config.put("iceberg.catalog.uri", catalogServer.uri());
    ItConfigs.useTestBrokerAndTimings(config, kafka.bootstrapServers());
    KafkaBroker.scramClientProperties(SINK_USER, password)
        .forEach((k, v) -> config.put("iceberg.kafka." + k, v));
    new SignalTopics(name).applyTo(config);
    config.put("otlp.namespace", namespace);
    return config;
  }
}
