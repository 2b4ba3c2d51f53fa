package io.otlpiceberg.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otlpiceberg.stack.ConnectWorker;
import io.otlpiceberg.stack.KafkaBroker;
import io.otlpiceberg.stack.MotoServer;
import io.otlpiceberg.stack.StackRuntime;
import io.otlpiceberg.stack.StartedParts;
import io.otlpiceberg.tables.OtlpTable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * config-examples/glue.json as users POST it ({@code GlueCatalog} with {@code S3FileIO}), with only
 * the endpoints pointed at moto's server, which answers the Glue and S3 APIs as AWS's SDK calls
 * them. Credentials reach the worker as on MSK Connect, from the default chain.
 *
 * <p>Where moto is less strict than AWS, and so what this test cannot prove: its Glue {@code
 * UpdateTable} accepts a stale {@code VersionId}, so two writers racing on one table are not
 * refused here as AWS refuses the loser (the Iceberg sink has one committer per connector, so only
 * a second connector on the same tables would race); its S3 takes any signature (the lenient server
 * takes any credentials at all); and it refuses bad credentials in STS's XML ({@code
 * InvalidClientTokenId}, 403) where AWS's Glue answers JSON ({@code UnrecognizedClientException},
 * 400). CatalogRefusalTest covers AWS's form.
 */
class GlueCatalogIT {
  private static final Duration COMMIT_WAIT = Duration.ofSeconds(90);
  private static final String REGION = "eu-west-1";
  // AWS's documented example key pair: the lenient server takes any.
  private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
  private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final StartedParts STARTED = new StartedParts();
  private static KafkaBroker kafka;
  private static MotoServer moto;
  private static MotoServer refusingMoto;
  private static ConnectWorker worker;
  private static GlueClient glue;
  private static GlueCatalog reader;
  private static String warehouse;

  /** The test JVM's catalog client takes its keys from here (Iceberg calls {@code create()}). */
  public static final class TestKeys implements AwsCredentialsProvider {
    public static TestKeys create() {
      return new TestKeys();
    }

    @Override
    public AwsCredentials resolveCredentials() {
      return AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY);
    }
  }

  @BeforeAll
  static void startStack() throws Exception {
    Path dir = ItEnv.freshDir("glue-it");
    StackRuntime runtime = ItEnv.runtime();
    STARTED.startOrClose(
        () -> {
          kafka = add(KafkaBroker.builder(runtime, dir.resolve("kafka")).build());
          kafka.start();
          moto = add(MotoServer.lenient(ItEnv.motoServer(), dir.resolve("moto")));
          refusingMoto =
              add(MotoServer.refusingAllCredentials(ItEnv.motoServer(), dir.resolve("moto")));
          warehouse = ItConfigs.example("glue.json").get("iceberg.catalog.warehouse");
          try (S3Client s3 =
              S3Client.builder()
                  .endpointOverride(URI.create(moto.endpoint()))
                  .forcePathStyle(true)
                  .region(Region.of(REGION))
                  .credentialsProvider(TestKeys.create())
                  .httpClientBuilder(UrlConnectionHttpClient.builder())
                  .build()) {
            s3.createBucket(
                b ->
                    b.bucket(URI.create(warehouse).getHost())
                        .createBucketConfiguration(c -> c.locationConstraint(REGION)));
          }
          glue =
              add(
                  GlueClient.builder()
                      .endpointOverride(URI.create(moto.endpoint()))
                      .region(Region.of(REGION))
                      .credentialsProvider(TestKeys.create())
                      .httpClientBuilder(UrlConnectionHttpClient.builder())
                      .build());
          reader = add(new GlueCatalog());
          Map<String, String> readerProps =
              new HashMap<>(
                  Map.of(
                      "warehouse",
                      warehouse,
                      "io-impl",
                      "org.apache.iceberg.aws.s3.S3FileIO",
                      "client.region",
                      REGION,
                      "client.credentials-provider",
                      TestKeys.class.getName(),
                      "glue.endpoint",
                      moto.endpoint(),
                      "s3.endpoint",
                      moto.endpoint(),
                      "s3.path-style-access",
                      "true"));
          reader.initialize("glue_it", readerProps);
          worker =
              add(
                  ConnectWorker.builder(
                          runtime,
                          dir.resolve("worker"),
                          kafka.bootstrapServers(),
                          ItEnv.pluginPath(dir))
                      .env(
                          Map.of(
                              "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                              "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
                              "AWS_REGION", REGION))
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
  void glueExampleCreatesIcebergTablesCommitsRowsAndMovesTheMetadataPointer() throws Exception {
    String name = "glue";
    Map<String, String> config = config(name, moto);
    String database = config.get("otlp.namespace");
    SignalTopics topics = new SignalTopics(name);
    ExpectedRows expected = new ExpectedRows(topics.converterConfig());
    topics.sendOneRequestEach(kafka.clients(), expected);

    worker.createConnector(name, config);
    try {
      worker.awaitRunning(name, 1);
      expected.awaitEveryTable(reader, database, COMMIT_WAIT);
      Map<String, Table> first = glueTables(database);
      assertThat(first.keySet())
          .as("Glue tables in %s", database)
          .containsExactlyInAnyOrderElementsOf(
              Arrays.stream(OtlpTable.values()).map(OtlpTable::tableName).toList());
      for (OtlpTable table : OtlpTable.values()) {
        Table glueTable = first.get(table.tableName());
        assertThat(glueTable).as("Glue table %s.%s", database, table.tableName()).isNotNull();
        assertThat(glueTable.parameters()).containsEntry("table_type", "ICEBERG");
        assertThat(glueTable.parameters().get("metadata_location"))
            .as("metadata_location of %s", table.tableName())
            .startsWith(warehouse + "/" + database + ".db/" + table.tableName() + "/metadata/")
            .endsWith(".metadata.json")
            .isEqualTo(currentMetadataFile(database, table));
        // The columns Athena's and Glue's consoles list, as Iceberg's schema has them.
        assertThat(glueTable.storageDescriptor().columns())
            .extracting(Column::name)
            .containsExactlyElementsOf(
                table.schema().columns().stream().map(Types.NestedField::name).toList());
      }

      topics.sendAnotherRequestEach(kafka.clients(), expected);
      expected.awaitEveryTable(reader, database, COMMIT_WAIT);
      Map<String, Table> second = glueTables(database);
      for (OtlpTable table : OtlpTable.values()) {
        String before = first.get(table.tableName()).parameters().get("metadata_location");
        Map<String, String> after = second.get(table.tableName()).parameters();
        // One record per topic per batch: each table saw exactly one commit in between.
        assertThat(after.get("metadata_location"))
            .as("metadata_location of %s", table.tableName())
            .isNotEqualTo(before)
            .isEqualTo(currentMetadataFile(database, table));
        assertThat(after)
            .as("parameters of %s", table.tableName())
            .containsEntry("previous_metadata_location", before);
      }
    } finally {
      worker.deleteConnector(name);
    }
  }

  @Test
  void missingGlueDatabaseWithCreationOffFailsTheTaskNamingTheDatabase() throws Exception {
    String name = "glue-no-database";
    Map<String, String> config = config(name, moto);
    config.put("otlp.namespace", "absent_db");
    config.put("otlp.tables.create", "false");

    String trace = failedTaskTrace(name, config);

    assertThat(trace)
        .contains(
            "Namespace absent_db does not exist in catalog iceberg (with GlueCatalog: the"
                + " Glue database)")
        .contains("otlp.tables.create=true");
    assertThatThrownBy(() -> glue.getDatabase(b -> b.name("absent_db")))
        .isInstanceOf(EntityNotFoundException.class);
  }

  @Test
  void refusedCredentialsFailTheTaskAtOnceSayingWhatToCheck() throws Exception {
    String name = "glue-refused";
    Map<String, String> config = config(name, refusingMoto);

    String trace = failedTaskTrace(name, config);

    assertThat(trace)
        .contains(
            "The Glue API that GlueCatalog calls (endpoint "
                + refusingMoto.endpoint()
                + ", region eu-west-1) refused the connector's request")
        .contains("Status Code: 403")
        .contains("service execution role")
        .contains("glue:CreateTable")
        .doesNotContain("could not be reached");
    assertThat(refusingMoto.logText())
        .as("moto's log of the refused requests")
        .contains("POST / HTTP/1.1\" 403");
  }

  /** Creates the connector, waits for its task to fail, deletes it, and returns the trace. */
  private static String failedTaskTrace(String name, Map<String, String> config) throws Exception {
    worker.createConnector(name, config);
    try {
      return worker.awaitFailedTask(name, Duration.ofSeconds(60));
    } finally {
      worker.deleteConnector(name);
    }
  }

  private static Map<String, Table> glueTables(String database) {
    Map<String, Table> tables = new HashMap<>();
    glue.getTablesPaginator(b -> b.databaseName(database))
        .forEach(page -> page.tableList().forEach(t -> tables.put(t.name(), t)));
    return tables;
  }

  private static String currentMetadataFile(String database, OtlpTable table) {
    org.apache.iceberg.Table loaded = Tables.load(reader, database, table.tableName());
    return ((HasTableOperations) loaded).operations().current().metadataFileLocation();
  }

  /** glue.json as a user POSTs it, with only endpoints, topics and test timings changed. */
  private static Map<String, String> config(String name, MotoServer endpoint) throws Exception {
    Map<String, String> config = ItConfigs.example("glue.json");
    assertThat(config)
        .containsEntry("iceberg.catalog.catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog")
        .containsEntry("iceberg.catalog.io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    config.put("iceberg.catalog.glue.endpoint", endpoint.endpoint());
    config.put("iceberg.catalog.s3.endpoint", endpoint.endpoint());
    config.put("iceberg.catalog.s3.path-style-access", "true");
    ItConfigs.useTestBrokerAndTimings(config, kafka.bootstrapServers());
    new SignalTopics(name).applyTo(config);
    config.put("tasks.max", "1");
    return config;
  }
}
