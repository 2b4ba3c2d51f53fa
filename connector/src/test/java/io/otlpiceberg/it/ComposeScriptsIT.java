package io.otlpiceberg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otlpiceberg.deploy.ScriptRun;
import io.otlpiceberg.stack.ConnectWorker;
import io.otlpiceberg.stack.KafkaBroker;
import io.otlpiceberg.stack.StackRuntime;
import io.otlpiceberg.stack.StartedParts;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What docker-compose.yml runs against Connect, run here against a real Kafka 3.9 worker (the
 * compose stack's Connect version): the worker's health check as the file spells it, and the script
 * that registers the connector. Docker is not needed; bash and curl are, as in the images.
 */
class ComposeScriptsIT {
  private static final Path ROOT = ItEnv.configExamples().getParent();
  private static final StartedParts STARTED = new StartedParts();
  private static ConnectWorker worker;

  @BeforeAll
  static void startWorker() throws Exception {
    Path dir = ItEnv.freshDir("compose-scripts");
    StackRuntime runtime = ItEnv.runtime();
    STARTED.startOrClose(
        () -> {
          KafkaBroker kafka =
              STARTED.add(KafkaBroker.builder(runtime, dir.resolve("kafka")).build());
          kafka.start();
          worker =
              STARTED.add(
                  ConnectWorker.builder(
                          runtime,
                          dir.resolve("worker"),
                          kafka.bootstrapServers(),
                          ItEnv.pluginPath(dir))
                      .build());
          worker.start();
        });
  }

  @AfterAll
  static void stop() throws Exception {
    STARTED.close();
  }

  @Test
  void connectHealthCheckPassesOnAWorkerThatServesOurPlugin() throws Exception {
    List<?> test = (List<?>) healthcheck("connect").get("test");
    assertThat(test.subList(0, 3)).isEqualTo(List.of("CMD", "bash", "-c"));
    int port = URI.create(worker.url()).getPort();
    String command =
        ((String) test.get(3)).replace("/dev/tcp/localhost/8083", "/dev/tcp/localhost/" + port);
    assertThat(command).contains("/dev/tcp/localhost/" + port);

    assertThat(run(Map.of(), "bash", "-c", command).exitCode())
        .as("health check exit code")
        .isZero();
    // The same check fails where a plugin is missing: it does read what the worker answers.
    String otherPlugin = command.replace("OtlpIcebergSinkConnector", "NoSuchConnector");
    assertThat(run(Map.of(), "bash", "-c", otherPlugin).exitCode()).isNotZero();
  }

  @Test
  void registerScriptCreatesTheConnectorOnceAndLeavesItAfterwards() throws Exception {
    Path script = ROOT.resolve("config-examples/compose/register-connector.sh");
    Path connectorJson = ROOT.resolve("config-examples/compose/connector.json");
    JsonNode json = new ObjectMapper().readTree(connectorJson.toFile());
    String name = json.path("name").asText();
    Map<String, String> env =
        Map.of("CONNECT_URL", worker.url(), "CONNECTOR_JSON", connectorJson.toString());
    try {
      ScriptRun first = run(env, "sh", script.toString());
      assertThat(first.exitCode()).as(first.stdout() + first.stderr()).isZero();
      assertThat(first.stdout()).contains("connector created");
      assertThat(worker.connectorConfig(name).path("connector.class").asText())
          .isEqualTo(json.path("config").path("connector.class").asText());

      ScriptRun again = run(env, "sh", script.toString());
      assertThat(again.exitCode()).as(again.stdout() + again.stderr()).isZero();
      assertThat(again.stdout())
          .contains("Connector " + name + " already exists")
          .contains("connector already exists");
    } finally {
      worker.deleteConnector(name);
    }
  }

  /** {@code command} with this machine's PATH (for bash and curl) and {@code env}. */
  private static ScriptRun run(Map<String, String> env, String... command) throws Exception {
    Map<String, String> all = new HashMap<>(env);
    all.put("PATH", System.getenv("PATH"));
    return ScriptRun.run(all, ROOT, List.of(command));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> healthcheck(String service) throws IOException {
    try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
      Map<String, Object> compose =
          (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      Map<String, Object> services = (Map<String, Object>) compose.get("services");
      return (Map<String, Object>) ((Map<String, Object>) services.get(service)).get("healthcheck");
    }
  }
}
