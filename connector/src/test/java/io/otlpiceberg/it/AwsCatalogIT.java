package io.otlpiceberg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.otlpiceberg.stack.ConnectWorker;
import io.otlpiceberg.stack.KafkaBroker;
import io.otlpiceberg.stack.RestCatalogServer;
import io.otlpiceberg.stack.S3MockServer;
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
 * The S3 Tables examples as users POST them, with only the endpoints pointed at loopback: the
 * catalog URI at a proxy that verifies every SigV4 signature as AWS does (and shapes paths as the
 * service does), the S3 endpoint at S3Mock. Credentials reach the worker as on MSK Connect, from
 * the default chain (environment variables here, the execution role there).
 */
class AwsCatalogIT {
  private static final Duration COMMIT_WAIT = Duration.ofSeconds(90);
  private static final String REGION = "eu-west-1";
  private static final String BUCKET = "warehouse";
  private static final StartedParts STARTED = new StartedParts();
  private static KafkaBroker kafka;
  private static S3MockServer s3;
  private static RestCatalogServer catalogServer;
  private static RESTCatalog reader;
  private static SigV4VerifyingProxy s3TablesEndpoint;
  private static SigV4VerifyingProxy glueEndpoint;
  private static ConnectWorker worker;

  @BeforeAll
  static void startStack() throws Exception {
    Path dir = ItEnv.freshDir("aws-it");
    StackRuntime runtime = ItEnv.runtime();
    Map<String, String> credentials =
        Map.of(
            "AWS_ACCESS_KEY_ID", SigV4VerifyingProxy.ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY", SigV4VerifyingProxy.SECRET_KEY,
            "AWS_REGION", REGION);
    STARTED.startOrClose(
        () -> {
          kafka = add(KafkaBroker.builder(runtime, dir.resolve("kafka")).build());
          kafka.start();
          s3 = add(S3MockServer.start(runtime, dir.resolve("s3"), BUCKET));
          Map<String, String> catalogEnv = new LinkedHashMap<>(credentials);
          catalogEnv.put("CATALOG_IO__IMPL", "org.apache.iceberg.aws.s3.S3FileIO");
          catalogEnv.put("CATALOG_S3_ENDPOINT", s3.endpoint());
          catalogEnv.put("CATALOG_S3_PATH__STYLE__ACCESS", "true");
          catalogServer =
              add(
                  RestCatalogServer.builder(runtime, dir.resolve("catalog"))
                      .warehouseUri("s3://" + BUCKET + "/")
                      .env(catalogEnv)
                      .build());
          catalogServer.start();
          reader =
              add(
                  ItCatalogs.rest(
                      catalogServer.uri(),
                      Map.of(
                          "io-impl",
                          "org.apache.iceberg.aws.s3.S3FileIO",
                          "s3.endpoint",
                          s3.endpoint(),
                          "s3.path-style-access",
                          "true",
                          "s3.access-key-id",
                          SigV4VerifyingProxy.ACCESS_KEY,
                          "s3.secret-access-key",
                          SigV4VerifyingProxy.SECRET_KEY,
                          "client.region",
                          REGION)));
          s3TablesEndpoint =
              add(
                  SigV4VerifyingProxy.start(
                      SigV4VerifyingProxy.Service.S3TABLES, REGION, catalogServer.uri()));
          glueEndpoint =
              add(
                  SigV4VerifyingProxy.start(
                      SigV4VerifyingProxy.Service.GLUE, REGION, catalogServer.uri()));
          worker =
              add(
                  ConnectWorker.builder(
                          runtime,
                          dir.resolve("worker"),
                          kafka.bootstrapServers(),
                          ItEnv.pluginPath(dir))
                      .env(credentials)
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
  void s3TablesRestExampleCreatesTablesAndCommitsThroughVerifiedSignatures() throws Exception {
    landsEverySignal("s3tables-rest.json", s3TablesEndpoint, "s3tables_rest");
  }

  @Test
  void s3TablesGlueRestExampleCreatesTablesAndCommitsThroughVerifiedSignatures() throws Exception {
    landsEverySignal("s3tables-glue-rest.json", glueEndpoint, "s3tables_glue");
  }

  @Test
  void wrongSigningNameFailsTheTaskSayingWhatToCheck() throws Exception {
    String name = "wrong-signing-name";
    int refusedBefore = s3TablesEndpoint.refusals().size();
    Map<String, String> config = config("s3tables-rest.json", s3TablesEndpoint, name, "wrong_name");
    // "s3" is a real signing name, just not this endpoint's; validation cannot know the
    // endpoint behind a loopback URI, so it is AWS (here: the proxy) that refuses.
    config.put("iceberg.catalog.rest.signing-name", "s3");

    worker.createConnector(name, config);
    try {
      String trace = worker.awaitFailedTask(name, Duration.ofSeconds(60));
      assertThat(trace)
          .contains(
              "The Iceberg catalog at "
                  + s3TablesEndpoint.uri()
                  + " refused the connector's request")
          .contains("Credential should be scoped to correct service: 's3tables'.")
          .contains("signed for service 's3' in region 'eu-west-1'")
          .contains("Check iceberg.catalog.rest.signing-name (s3tables for");
      assertThat(
              s3TablesEndpoint
                  .refusals()
                  .subList(refusedBefore, s3TablesEndpoint.refusals().size()))
          .isNotEmpty()
          .allMatch(r -> r.contains("correct service: 's3tables'"));
      assertThat(reader.namespaceExists(org.apache.iceberg.catalog.Namespace.of("wrong_name")))
          .isFalse();
    } finally {
      worker.deleteConnector(name);
    }
  }

  @Test
  void validationRefusesASigningNameThatDoesNotMatchTheWarehouse() throws Exception {
    Map<String, String> config = config("s3tables-rest.json", s3TablesEndpoint, "mismatch", "x");
    config.put("iceberg.catalog.rest.signing-name", "glue");
    config.put("name", "mismatch");

    JsonNode result = worker.validate("io.otlpiceberg.sink.OtlpIcebergSinkConnector", config);

    assertThat(result.path("error_count").asInt()).as("%s", result).isEqualTo(1);
    assertThat(result.toString())
        .contains("Glue's Iceberg endpoint takes <account id>:s3tablescatalog/<table bucket>")
        .contains("for this table bucket: 111122223333:s3tablescatalog/telemetry");
  }

  private static void landsEverySignal(
      String example, SigV4VerifyingProxy endpoint, String namespace) throws Exception {
    String name = namespace.replace('_', '-');
    int refusedBefore = endpoint.refusals().size();
    int verifiedBefore = endpoint.verifiedRequests();
    Map<String, String> config = config(example, endpoint, name, namespace);
    SignalTopics topics = new SignalTopics(name);
    ExpectedRows expected = new ExpectedRows(topics.converterConfig());
    topics.sendOneRequestEach(kafka.clients(), expected);

    worker.createConnector(name, config);
    try {
      worker.awaitRunning(name, 1);
      expected.awaitEveryTable(reader, namespace, COMMIT_WAIT);
      for (OtlpTable table : OtlpTable.values()) {
        assertThat(Tables.load(reader, namespace, table.tableName()).location())
            .as("data and metadata in the object store")
            .startsWith("s3://" + BUCKET + "/");
      }
      assertThat(endpoint.refusals().subList(refusedBefore, endpoint.refusals().size()))
          .as("requests the verifier refused")
          .isEmpty();
      // Config, namespace, 7 table checks and creations, loads and commits: all verified.
      assertThat(endpoint.verifiedRequests() - verifiedBefore).isGreaterThan(20);
    } finally {
      worker.deleteConnector(name);
    }
  }

  /** The example as a user POSTs it, with only endpoints, names and test timings changed. */
  private static Map<String, String> config(
      String example, SigV4VerifyingProxy endpoint, String name, String namespace)
      throws Exception {
    Map<String, String> config = ItConfigs.example(example);
    assertThat(config)
        .containsEntry("iceberg.catalog.rest.auth.type", "sigv4")
        .containsEntry(
            "iceberg.catalog.rest.signing-name", endpoint == glueEndpoint ? "glue" : "s3tables");
    config.put("iceberg.catalog.uri", endpoint.uri());
    config.put("iceberg.catalog.s3.endpoint", s3.endpoint());
    config.put("iceberg.catalog.s3.path-style-access", "true");
    ItConfigs.useTestBrokerAndTimings(config, kafka.bootstrapServers());
    new SignalTopics(name).applyTo(config);
    config.put("tasks.max", "1");
    config.put("otlp.namespace", namespace);
    return config;
  }
}
