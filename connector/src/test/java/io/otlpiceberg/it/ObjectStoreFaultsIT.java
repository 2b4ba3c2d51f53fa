package io.otlpiceberg.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.otlpiceberg.stack.ConnectWorker;
import io.otlpiceberg.stack.KafkaBroker;
import io.otlpiceberg.stack.Poll;
import io.otlpiceberg.stack.RestCatalogServer;
import io.otlpiceberg.stack.S3MockServer;
import io.otlpiceberg.stack.StackRuntime;
import io.otlpiceberg.stack.StartedParts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Object-store faults under a steady stream (fault 6 of the fault matrix in README): the tables
 * live on S3 (S3Mock), and the worker and the catalog reach it through {@link FailingObjectStore},
 * which refuses chosen writes for a while, as an overloaded bucket does ({@code 503 SlowDown}).
 * Then, as in {@link FaultsIT}, every span must be in the table exactly once, no data file may be
 * committed twice, and the task must never have failed. The test reads the tables straight from
 * S3Mock.
 */
class ObjectStoreFaultsIT {
  private static final String REGION = "eu-west-1";
  private static final String BUCKET = "warehouse";
  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final Duration OUTAGE = Duration.ofSeconds(20);
  private static final Duration AFTER_FAULT = Duration.ofSeconds(8);
  private static final List<String> MATRIX = Collections.synchronizedList(new ArrayList<>());
  private static final StartedParts STARTED = new StartedParts();
  private static KafkaBroker kafka;
  private static FailingObjectStore store;
  private static RESTCatalog reader;
  private static ConnectWorker worker;
  private static RestCatalogServer catalogServer;
  private static long nextBatch = 50_000_000;

  @BeforeAll
  static void startStack() throws Exception {
    Path dir = ItEnv.freshDir("object-store-faults");
    StackRuntime runtime = ItEnv.runtime();
    Map<String, String> credentials =
        Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "AWS_REGION", REGION);
    STARTED.startOrClose(
        () -> {
          kafka = STARTED.add(KafkaBroker.builder(runtime, dir.resolve("kafka")).build());
          kafka.start();
          S3MockServer s3 = STARTED.add(S3MockServer.start(runtime, dir.resolve("s3"), BUCKET));
          store = STARTED.add(FailingObjectStore.start(s3.endpoint()));
          // The catalog writes each commit's metadata file through the failing store too.
          Map<String, String> catalogEnv = new LinkedHashMap<>(credentials);
          catalogEnv.put("CATALOG_IO__IMPL", "org.apache.iceberg.aws.s3.S3FileIO");
          catalogEnv.put("CATALOG_S3_ENDPOINT", store.endpoint());
          catalogEnv.put("CATALOG_S3_PATH__STYLE__ACCESS", "true");
          catalogServer =
              STARTED.add(
                  RestCatalogServer.builder(runtime, dir.resolve("catalog"))
                      .warehouseUri("s3://" + BUCKET + "/")
                      .env(catalogEnv)
                      .build());
          catalogServer.start();
          reader =
              STARTED.add(
                  ItCatalogs.rest(
                      catalogServer.uri(),
                      Map.of(
                          "io-impl", "org.apache.iceberg.aws.s3.S3FileIO",
                          "s3.endpoint", s3.endpoint(),
                          "s3.path-style-access", "true",
                          "s3.access-key-id", "test",
                          "s3.secret-access-key", "test",
                          "client.region", REGION)));
          worker =
              STARTED.add(
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

  @AfterAll
  static void stopStack() throws Exception {
    System.out.println(
        "[fault matrix] fault | requests | spans produced | spans found |"
            + " duplicates | writes refused | first commit after the fault ended");
    MATRIX.forEach(line -> System.out.println("[fault matrix] " + line));
    STARTED.close();
  }

  /** Each round's files fail to upload, so no round can be handed over until the store heals. */
  @Test
  void dataFileWritesRefusedFor20SecondsLoseAndRepeatNothing() throws Exception {
    underOutage(
        "data-refused",
        path -> path.contains("/data/"),
        "S3 refuses data file writes (503 SlowDown) for 20 s");
  }

  /**
   * Files upload, but the coordinator cannot write its manifests nor the catalog the table's
   * metadata file: each commit fails and is retried, with the files of every round since.
   */
  @Test
  void metadataWritesRefusedFor20SecondsFailCommitsUntilTheStoreHeals() throws Exception {
    underOutage(
        "metadata-refused",
        path -> path.contains("/metadata/"),
        "S3 refuses manifest and metadata writes (503 SlowDown) for 20 s");
  }

  private static void underOutage(String name, Predicate<String> refusedPaths, String fault)
      throws Exception {
    String ns = name.replace('-', '_');
    String topic = ns + "_spans";
    kafka.clients().createTopic(topic, 1);
    worker.createConnector(name, config(name, ns, topic));
    try (SteadyLoad load =
        new SteadyLoad(kafka.bootstrapServers(), topic, 1, nextBatch, Duration.ofMillis(50))) {
      nextBatch += 1_000_000;
      worker.awaitRunning(name, 1, WAIT);
      Poll.until(
          "a first commit of " + name, WAIT, () -> Tables.count(reader, ns, "traces"), n -> n > 0);
      int refusedBefore = store.refused();
      store.failWrites(refusedPaths);
      try {
        Thread.sleep(OUTAGE.toMillis());
      } finally {
        store.heal();
      }
      long faultEnd = System.currentTimeMillis();
      int refused = store.refused() - refusedBefore;
      Thread.sleep(AFTER_FAULT.toMillis());
      int requests = load.stop();
      long spans = (long) requests * SteadyLoad.SPANS_PER_REQUEST;
      ExactlyOnce.Found found =
          ExactlyOnce.assertSpans(
              reader, ns, spans, WAIT, List.of(), () -> FaultsIT.giveUpIfFailed(worker, name));
      long recovered = ExactlyOnce.firstCommitAfter(reader, ns, faultEnd);
      MATRIX.add(
          String.format(
              "%s | %d | %d | %d | %d | %d | %.1f s",
              fault,
              requests,
              spans,
              found.distinct(),
              found.duplicates(),
              refused,
              (recovered - faultEnd) / 1000.0));
      assertThat(refused).as("writes the store refused during the outage").isPositive();
      assertThat(ConnectWorker.failedTask(worker.status(name))).as("a FAILED task").isNull();
    } finally {
      worker.deleteConnector(name);
    }
  }

  /**
   * config-examples/local.json on S3 through the failing store. S3FileIO's own retries are cut to
   * one quick one (by default it tries 5 more times over up to about a minute, which rides out a
   * short outage by itself), so the outage reaches the connector.
   */
  private static Map<String, String> config(String name, String ns, String topic) throws Exception {
    Map<String, String> config = ItConfigs.example("local.json");
    ItConfigs.useTestBrokerAndTimings(config, kafka.bootstrapServers());
    config.put("iceberg.catalog.uri", catalogServer.uri());
    config.put("iceberg.catalog.io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    config.put("iceberg.catalog.s3.endpoint", store.endpoint());
    config.put("iceberg.catalog.s3.path-style-access", "true");
    config.put("iceberg.catalog.s3.retry.num-retries", "1");
    config.put("iceberg.catalog.s3.retry.min-wait-ms", "100");
    config.put("iceberg.catalog.s3.retry.max-wait-ms", "200");
    config.put("name", name);
    config.put("topics", topic);
    config.put("value.converter.traces.topics", topic);
    config.put("otlp.namespace", ns);
    config.remove("errors.deadletterqueue.topic.name");
    return config;
  }
}
