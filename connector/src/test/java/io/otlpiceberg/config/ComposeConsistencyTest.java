package io.otlpiceberg.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otlpiceberg.converter.OtlpConverterConfig;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml cannot be run here (no Docker), so this checks that it agrees with the files
 * its services read (config-examples/compose/) and with the connector's own configuration rules:
 * topics, hosts and ports, the bucket, credentials, pinned images and health checks.
 */
class ComposeConsistencyTest {
  private static final Path ROOT = Path.of("..");
  private static final Path COMPOSE_DIR = ROOT.resolve("config-examples/compose");

  /** Images with no shell or HTTP client in them: no health check command can run inside. */
  private static final Set<String> NO_HEALTHCHECK_IMAGES =
      Set.of("ghcr.io/open-telemetry/opentelemetry-collector-contrib/telemetrygen");

  private static Map<String, Object> compose;
  private static Map<String, Map<String, Object>> services;
  private static Map<String, String> connector;
  private static Properties worker;
  private static Properties trino;
  private static Map<String, Object> collector;

  @BeforeAll
  static void load() throws IOException {
    compose = yaml(ROOT.resolve("docker-compose.yml"));
    services = new LinkedHashMap<>();
    map(compose, "services").forEach((name, value) -> services.put(name, asMap(value)));

    JsonNode body = new ObjectMapper().readTree(COMPOSE_DIR.resolve("connector.json").toFile());
    connector = new HashMap<>();
    body.path("config")
        .fields()
        .forEachRemaining(e -> connector.put(e.getKey(), e.getValue().asText()));
    connector.put("name", body.path("name").asText());

    worker = properties(COMPOSE_DIR.resolve("connect-distributed.properties"));
    trino = properties(COMPOSE_DIR.resolve("trino/catalog/iceberg.properties"));
    collector = yaml(COMPOSE_DIR.resolve("otel-collector.yaml"));
  }

  @Test
  void expectedServicesArePresent() {
    assertThat(services)
        .containsKeys(
            "kafka",
            "kafka-init",
            "minio",
            "minio-init",
            "iceberg-rest",
            "plugin-unpack",
            "connect",
            "register-connector",
            "otel-collector",
            "trino");
    assertThat(services.keySet()).anyMatch(s -> image(s).contains("telemetrygen"));
  }

  @Test
  void everyImageIsPinnedToAVersion() {
    services.forEach(
        (name, service) -> {
          String image = (String) service.get("image");
          assertThat(image).as("service %s has an image (no build)", name).isNotBlank();
          assertThat(service).as("service %s", name).doesNotContainKey("build");
          int slash = image.lastIndexOf('/');
          int colon = image.indexOf(':', slash + 1);
          assertThat(colon).as("image %s of %s has a tag", image, name).isPositive();
          String tag = image.substring(colon + 1);
          assertThat(tag)
              .as("image tag of %s", name)
              .isNotBlank()
              .isNotEqualToIgnoringCase("latest")
              .matches(".*\\d.*");
        });
  }

  @Test
  void connectorConfigIsValid() {
    List<String> errors =
        ConfigValidation.validate(connector).configValues().stream()
            .filter(v -> !v.errorMessages().isEmpty())
            .map(ConfigValue::toString)
            .toList();
    assertThat(errors).isEmpty();
    assertThat(connector.get("value.converter")).isEqualTo(OtlpSinkConfig.OTLP_CONVERTER);
    assertThat(connector.get("connector.class"))
        .isEqualTo("io.otlpiceberg.sink.OtlpIcebergSinkConnector");
  }

  @Test
  void collectorTopicsAreTheConnectorTopics() {
    Map<String, Object> kafka = map(map(collector, "exporters"), "kafka");
    Map<String, String> topicBySignal = new LinkedHashMap<>();
    for (String signal : List.of("traces", "logs", "metrics")) {
      Map<String, Object> perSignal = map(kafka, signal);
      assertThat(perSignal.get("encoding")).as(signal + " encoding").isEqualTo("otlp_proto");
      topicBySignal.put(signal, (String) perSignal.get("topic"));
    }
    assertThat(new HashSet<>(topicBySignal.values())).isEqualTo(list(connector.get("topics")));

    // The converter knows each topic's signal: the Collector's topic for a signal must be among
    // the converter's topics for that signal (given in the config, or its default).
    Map<String, String> converterKey =
        Map.of(
            "traces",
            OtlpConverterConfig.TRACES_TOPICS,
            "logs",
            OtlpConverterConfig.LOGS_TOPICS,
            "metrics",
            OtlpConverterConfig.METRICS_TOPICS);
    topicBySignal.forEach(
        (signal, topic) -> {
          String key = converterKey.get(signal);
          String configured =
              connector.getOrDefault(
                  "value.converter." + key,
                  ((List<?>) OtlpConverterConfig.CONFIG_DEF.defaultValues().get(key))
                      .stream().map(Object::toString).collect(Collectors.joining(",")));
          assertThat(list(configured)).as(signal).contains(topic);
        });

    // Every pipeline ends in the Kafka exporter, so each signal reaches its topic.
    Map<String, Object> pipelines = map(map(collector, "service"), "pipelines");
    assertThat(pipelines).containsKeys("traces", "logs", "metrics");
    pipelines
        .values()
        .forEach(p -> assertThat(strings(asMap(p).get("exporters"))).contains("kafka"));
  }

  @Test
  void topicsAreCreatedBeforehand() {
    Map<String, String> env = environment("kafka-init");
    assertThat(list(env.get("OTLP_TOPICS"))).isEqualTo(list(connector.get("topics")));
    assertThat(env.get("CONTROL_TOPIC")).isEqualTo(connector.get("iceberg.control.topic"));
    assertThat(env.get("DLQ_TOPIC")).isEqualTo(connector.get("errors.deadletterqueue.topic.name"));
    assertThat(command("kafka-init")).anyMatch(a -> a.endsWith("/create-topics.sh"));
    assertThat(COMPOSE_DIR.resolve("create-topics.sh")).isRegularFile();
  }

  @Test
  void everyKafkaClientUsesTheBrokersInternalListener() {
    String advertised = environment("kafka").get("KAFKA_ADVERTISED_LISTENERS");
    String internal =
        Arrays.stream(advertised.split(","))
            .filter(l -> l.startsWith("PLAINTEXT://"))
            .findFirst()
            .orElseThrow()
            .substring("PLAINTEXT://".length());
    assertThat(internal).isEqualTo("kafka:9092");
    assertThat(host(internal)).isIn(services.keySet());

    assertThat(connector.get("iceberg.kafka.bootstrap.servers")).isEqualTo(internal);
    assertThat(worker.getProperty("bootstrap.servers")).isEqualTo(internal);
    assertThat(environment("kafka-init").get("BOOTSTRAP_SERVERS")).isEqualTo(internal);
    assertThat(strings(map(map(collector, "exporters"), "kafka").get("brokers")))
        .containsExactly(internal);
    // The listener the others use is declared, and a second one is published to the host.
    assertThat(environment("kafka").get("KAFKA_LISTENERS")).contains("PLAINTEXT://:9092");
    String external =
        Arrays.stream(advertised.split(","))
            .filter(l -> l.startsWith("EXTERNAL://"))
            .findFirst()
            .orElseThrow();
    assertThat(publishedContainerPorts("kafka")).contains(port(external.substring(11)));
  }

  @Test
  void catalogUriNamesTheRestCatalogServiceAndItsPort() {
    URI uri = URI.create(connector.get("iceberg.catalog.uri"));
    assertThat(uri.getHost()).isEqualTo("iceberg-rest");
    assertThat(services).containsKey(uri.getHost());
    assertThat(uri.getPort()).isEqualTo(8181);
    assertThat(publishedContainerPorts("iceberg-rest")).contains(uri.getPort());
    assertThat(healthcheck("iceberg-rest")).contains("localhost:" + uri.getPort() + "/v1/config");
    assertThat(image("iceberg-rest")).startsWith("apache/iceberg-rest-fixture:");
    // Trino reads the same catalog.
    assertThat(trino.getProperty("connector.name")).isEqualTo("iceberg");
    assertThat(trino.getProperty("iceberg.catalog.type")).isEqualTo("rest");
    assertThat(trino.getProperty("iceberg.rest-catalog.uri")).isEqualTo(uri.toString());
    assertThat(connector.get("iceberg.catalog.type")).isEqualTo("rest");
  }

  @Test
  void oneBucketOneEndpointOneSetOfCredentials() {
    // The bucket minio-init creates is the catalog's warehouse and Trino's.
    String mb = String.join(" ", command("minio-init"));
    Matcher bucket =
        Pattern.compile("mc mb (?:--ignore-existing )?local/([a-z0-9.-]+)").matcher(mb);
    assertThat(bucket.find()).as(mb).isTrue();
    Map<String, String> rest = environment("iceberg-rest");
    assertThat(s3Bucket(rest.get("CATALOG_WAREHOUSE"))).isEqualTo(bucket.group(1));
    assertThat(s3Bucket(trino.getProperty("iceberg.rest-catalog.warehouse")))
        .isEqualTo(bucket.group(1));
    if (connector.containsKey("iceberg.catalog.warehouse")) {
      assertThat(s3Bucket(connector.get("iceberg.catalog.warehouse"))).isEqualTo(bucket.group(1));
    }

    // Catalog server, connector and Trino all reach MinIO at the same endpoint.
    String endpoint = connector.get("iceberg.catalog.s3.endpoint");
    URI s3 = URI.create(endpoint);
    assertThat(s3.getHost()).isEqualTo("minio");
    assertThat(publishedContainerPorts("minio")).contains(s3.getPort());
    assertThat(mb).contains("http://minio:" + s3.getPort());
    assertThat(rest.get("CATALOG_S3_ENDPOINT")).isEqualTo(endpoint);
    assertThat(trino.getProperty("s3.endpoint")).isEqualTo(endpoint);
    assertThat(rest.get("CATALOG_S3_PATH__STYLE__ACCESS")).isEqualTo("true");
    assertThat(connector.get("iceberg.catalog.s3.path-style-access")).isEqualTo("true");
    assertThat(trino.getProperty("s3.path-style-access")).isEqualTo("true");
    assertThat(rest.get("CATALOG_IO__IMPL")).isEqualTo("org.apache.iceberg.aws.s3.S3FileIO");
    assertThat(connector.get("iceberg.catalog.io-impl"))
        .isEqualTo("org.apache.iceberg.aws.s3.S3FileIO");

    // With MinIO's root user, and one region.
    Map<String, String> minio = environment("minio");
    String user = minio.get("MINIO_ROOT_USER");
    String password = minio.get("MINIO_ROOT_PASSWORD");
    assertThat(mb).contains("local http://minio:9000 " + user + " " + password);
    assertThat(rest.get("AWS_ACCESS_KEY_ID")).isEqualTo(user);
    assertThat(rest.get("AWS_SECRET_ACCESS_KEY")).isEqualTo(password);
    assertThat(connector.get("iceberg.catalog.s3.access-key-id")).isEqualTo(user);
    assertThat(connector.get("iceberg.catalog.s3.secret-access-key")).isEqualTo(password);
    assertThat(trino.getProperty("s3.aws-access-key")).isEqualTo(user);
    assertThat(trino.getProperty("s3.aws-secret-key")).isEqualTo(password);
    String region = rest.get("AWS_REGION");
    assertThat(connector.get("iceberg.catalog.client.region")).isEqualTo(region);
    assertThat(trino.getProperty("s3.region")).isEqualTo(region);
  }

  @Test
  void connectWorkerLoadsThePluginAndIsRegisteredAtItsPort() throws IOException {
    URI connect = URI.create(environment("register-connector").get("CONNECT_URL"));
    assertThat(connect.getHost()).isEqualTo("connect");
    assertThat(services).containsKey(connect.getHost());
    assertThat(worker.getProperty("listeners")).endsWith(":" + connect.getPort());
    assertThat(publishedContainerPorts("connect")).contains(connect.getPort());
    // /connector-plugins answers before the worker has joined its group; /health does not.
    assertThat(healthcheck("connect"))
        .contains("/" + connect.getPort())
        .contains("GET /health ")
        .contains("\"status\":\"healthy\"")
        .contains("OtlpIcebergSinkConnector");
    assertThat(command("register-connector")).anyMatch(a -> a.endsWith("register-connector.sh"));
    assertThat(Files.readString(COMPOSE_DIR.resolve("register-connector.sh")))
        .contains("${CONNECTOR_JSON:-/compose/connector.json}")
        .contains("/connectors")
        // Connect answers 409 also while it has no leader: only this body means "exists".
        .contains("already exists");

    // plugin-unpack fills the volume the worker has as its plugin.path, from connector/target
    // (mounted through ./connector, which exists before the first build).
    String pluginPath = worker.getProperty("plugin.path");
    String volume = volumeAt("connect", pluginPath);
    assertThat(volume).as("a volume mounted at plugin.path %s", pluginPath).isNotNull();
    assertThat(map(compose, "volumes")).containsKey(volume);
    assertThat(volumeAt("plugin-unpack", "/plugins")).isEqualTo(volume);
    assertThat(volumeAt("plugin-unpack", "/connector")).isEqualTo("./connector");
    assertThat(Files.readString(COMPOSE_DIR.resolve("unpack-plugin.sh")))
        .contains("/connector/target/otlp-iceberg-connector-");
    assertThat(dependsOn("connect"))
        .containsEntry("plugin-unpack", "service_completed_successfully");
    assertThat(command("connect")).contains("/compose/connect-distributed.properties");
    assertThat(volumeAt("connect", "/compose")).isEqualTo("./config-examples/compose");
  }

  @Test
  void loadGeneratorsSendToTheCollectorsOtlpReceiver() {
    Map<String, Object> grpc =
        map(map(map(map(collector, "receivers"), "otlp"), "protocols"), "grpc");
    int grpcPort = port((String) grpc.get("endpoint"));
    List<String> generators =
        services.keySet().stream().filter(s -> image(s).contains("telemetrygen")).toList();
    Set<String> signals = new HashSet<>();
    for (String generator : generators) {
      List<String> args = command(generator);
      signals.add(args.get(0));
      assertThat(args).as(generator).contains("--otlp-endpoint=otel-collector:" + grpcPort);
      assertThat(dependsOn(generator)).containsKey("otel-collector");
    }
    assertThat(signals).containsExactlyInAnyOrder("traces", "logs", "metrics");
    assertThat(publishedContainerPorts("otel-collector")).contains(grpcPort);

    // The collector runs the file in the repo.
    List<String> command = command("otel-collector");
    String config = command.get(0).substring("--config=".length());
    assertThat(volumeAt("otel-collector", config))
        .isEqualTo("./config-examples/compose/otel-collector.yaml");
  }

  @Test
  void longRunningServicesHaveHealthChecks() {
    services.forEach(
        (name, service) -> {
          boolean oneShot = "no".equals(String.valueOf(service.get("restart")));
          if (oneShot) {
            return;
          }
          String image = image(name);
          String repository = image.substring(0, image.lastIndexOf(':'));
          if (NO_HEALTHCHECK_IMAGES.contains(repository)) {
            return;
          }
          Map<String, Object> check = asMap(service.get("healthcheck"));
          assertThat(check).as("healthcheck of %s", name).isNotNull();
          assertThat((List<?>) check.get("test")).as("healthcheck test of %s", name).isNotEmpty();
          assertThat(check.get("disable")).as(name).isNotEqualTo(true);
        });
  }

  @Test
  void dependenciesWaitForWhatTheyNeed() {
    services
        .keySet()
        .forEach(
            name ->
                dependsOn(name)
                    .forEach(
                        (target, condition) -> {
                          assertThat(services)
                              .as("%s depends on %s", name, target)
                              .containsKey(target);
                          if ("service_healthy".equals(condition)) {
                            assertThat(services.get(target))
                                .as("%s waits for %s to be healthy", name, target)
                                .containsKey("healthcheck");
                          } else if ("service_completed_successfully".equals(condition)) {
                            assertThat(services.get(target).get("restart"))
                                .as("%s waits for one-shot %s", name, target)
                                .isEqualTo("no");
                          }
                        }));
    assertThat(dependsOn("register-connector")).containsEntry("connect", "service_healthy");
    assertThat(dependsOn("connect"))
        .containsEntry("kafka-init", "service_completed_successfully")
        .containsEntry("iceberg-rest", "service_healthy");
    assertThat(dependsOn("iceberg-rest")).containsKey("minio-init");
    assertThat(dependsOn("trino")).containsKey("iceberg-rest");
  }

  @Test
  void trinosHeapIsBoundedByAMemoryLimitNotByTheHost() {
    // Trino's image sets MaxRAMPercentage=80: without a limit, 80 % of the host's memory.
    assertThat(services.get("trino")).containsKey("mem_limit");
    assertThat(String.valueOf(services.get("trino").get("mem_limit"))).matches("\\d+[mg]");
  }

  @Test
  void hostPortsAreDistinctAndMountedFilesExist() {
    List<String> hostPorts = new ArrayList<>();
    services.keySet().forEach(name -> ports(name).forEach(p -> hostPorts.add(p.split(":")[0])));
    assertThat(hostPorts).doesNotHaveDuplicates();

    services.forEach(
        (name, service) -> {
          for (Object v : list(service.get("volumes"))) {
            String source = String.valueOf(v).split(":")[0];
            // Docker creates a missing bind source, owned by root: each must exist before any
            // build.
            if (source.startsWith("./")) {
              assertThat(ROOT.resolve(source)).as("bind mount of %s", name).exists();
            }
          }
        });
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static Map<String, Object> yaml(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file)) {
      return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    }
  }

  private static Properties properties(Path file) throws IOException {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
    }
    return props;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertThat(value).as("key %s", key).isInstanceOf(Map.class);
    return asMap(value);
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }

  private static List<String> strings(Object value) {
    return list(value).stream().map(String::valueOf).toList();
  }

  private static Set<String> list(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
  }

  private static String image(String service) {
    return String.valueOf(services.get(service).get("image"));
  }

  private static List<String> command(String service) {
    Object command = services.get(service).get("command");
    if (command instanceof String s) {
      return List.of(s.split("\\s+"));
    }
    return list(command).stream().map(String::valueOf).toList();
  }

  private static Map<String, String> environment(String service) {
    Object env = services.get(service).get("environment");
    Map<String, String> result = new HashMap<>();
    if (env instanceof Map<?, ?> m) {
      m.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
    } else {
      for (Object entry : list(env)) {
        String[] kv = String.valueOf(entry).split("=", 2);
        result.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    return result;
  }

  private static List<String> ports(String service) {
    return list(services.get(service).get("ports")).stream().map(String::valueOf).toList();
  }

  private static Set<Integer> publishedContainerPorts(String service) {
    return ports(service).stream()
        .map(p -> Integer.parseInt(p.substring(p.lastIndexOf(':') + 1).split("/")[0]))
        .collect(Collectors.toSet());
  }

  private static String healthcheck(String service) {
    Map<String, Object> check = asMap(services.get(service).get("healthcheck"));
    assertThat(check).as("healthcheck of %s", service).isNotNull();
    return list(check.get("test")).stream().map(String::valueOf).collect(Collectors.joining(" "));
  }

  /** Source (volume name or ./path) of the mount at {@code target}, or null. */
  private static String volumeAt(String service, String target) {
    for (Object v : list(services.get(service).get("volumes"))) {
      String[] parts = String.valueOf(v).split(":");
      if (parts.length >= 2 && parts[1].equals(target)) {
        return parts[0];
      }
    }
    return null;
  }

  private static Map<String, String> dependsOn(String service) {
    Object deps = services.get(service).get("depends_on");
    Map<String, String> result = new HashMap<>();
    if (deps instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) ->
              result.put(
                  String.valueOf(k),
                  String.valueOf(asMap(v).getOrDefault("condition", "service_started"))));
    } else {
      list(deps).forEach(d -> result.put(String.valueOf(d), "service_started"));
    }
    return result;
  }

  private static String host(String hostPort) {
    return hostPort.substring(0, hostPort.lastIndexOf(':'));
  }

  private static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  private static String s3Bucket(String location) {
    assertThat(location).startsWith("s3://");
    URI uri = URI.create(location);
    return uri.getHost();
  }
}
