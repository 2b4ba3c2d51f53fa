package io.otlpiceberg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.otlpiceberg.stack.LocalStack;
import io.otlpiceberg.stack.Poll;
import io.otlpiceberg.telemetry.EveryFieldRequests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No credential reaches a log: secrets are planted in a connector config, the way users set them
 * (an AWS key pair and a SASL password written inline, a session token through Kafka's file config
 * provider), and after the connector has started, written and committed, the worker's log is
 * searched for each value, logged as the Kafka distribution logs (every client's config dump at
 * INFO). The REST API must show the provider's placeholder, not its value.
 */
class SecretsIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static OtlpStack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = OtlpStack.start("secrets", LocalStack.Builder::workerLogsAsShipped);
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void plantedSecretsAppearInNoWorkerLogAndTheRestApiShowsOnlyThePlaceholder() throws Exception {
    String name = "secrets";
    String ns = "secrets_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String topic = "secrets_spans";
    String accessKeyId = planted("AKIA");
    String secretAccessKey = planted("aws-secret");
    String saslPassword = planted("sasl-password");
    String sessionToken = planted("session-token");
    Path secrets = stack.dir.resolve("secrets.properties");
    Files.writeString(secrets, "s3.session-token=" + sessionToken + "\n");
    String placeholder = "${file:" + secrets + ":s3.session-token}";

    stack.kafka.createTopic(topic, 1);
    Map<String, String> config =
        stack.localConfig(
            ns,
            "name",
            name,
            "topics",
            topic,
            "value.converter.traces.topics",
            topic,
            "errors.deadletterqueue.topic.name",
            null);
    config.put("iceberg.catalog.s3.access-key-id", accessKeyId);
    config.put("iceberg.catalog.s3.secret-access-key", secretAccessKey);
    config.put("iceberg.catalog.s3.session-token", placeholder);
    // The broker speaks PLAINTEXT, so the JAAS config is carried through every client config
    // (and its log) without being used: the point is where it is printed, not a login.
    config.put(
        "iceberg.kafka.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"otlp\""
            + " password=\""
            + saslPassword
            + "\";");
    stack.worker.createConnector(name, config);
    try {
      stack.worker.awaitRunning(name, 1);
      // A whole cycle: task start (config dumps, catalog, control-topic clients), write, commit.
      stack.kafka.send(topic, 0, EveryFieldRequests.traces(1, 3).toByteArray());
      Poll.until(
          "the first commit", WAIT, () -> Tables.count(stack.catalog, ns, "traces"), n -> n > 0);

      JsonNode stored = stack.worker.connectorConfig(name);
      assertThat(stored.path("iceberg.catalog.s3.session-token").asText()).isEqualTo(placeholder);

      String log = stack.worker.logText();
      // The search reads the log this connector wrote to: its namespace is there.
      assertThat(log).contains(ns);
      Map<String, String> planted =
          Map.of(
              "s3.access-key-id",
              accessKeyId,
              "s3.secret-access-key",
              secretAccessKey,
              "SASL password",
              saslPassword,
              "s3.session-token (file provider)",
              sessionToken);
      planted.forEach(
          (what, secret) ->
              assertThat(
                      log.lines()
                          .filter(l -> l.contains(secret))
                          .map(l -> l.replace(secret, "<planted " + what + ">")))
                  .as("worker log lines with the planted %s", what)
                  .isEmpty());
    } finally {
      stack.worker.deleteConnector(name);
    }
  }

  private static String planted(String kind) {
    return kind + "-planted-" + UUID.randomUUID();
  }
}
