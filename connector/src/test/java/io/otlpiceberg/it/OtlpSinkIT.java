package io.otlpiceberg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.otlpiceberg.stack.Poll;
import io.otlpiceberg.tables.OtlpTable;
import io.otlpiceberg.telemetry.EveryFieldRequests;
import io.otlpiceberg.telemetry.OtlpValues;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connector as users run it: plugin ZIP on a distributed worker's plugin.path, the config of
 * config-examples/local.json POSTed to the REST API, a real broker and REST catalog.
 */
class OtlpSinkIT {
  private static final Duration COMMIT_WAIT = Duration.ofSeconds(90);
  private static OtlpStack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = OtlpStack.start("sink-it");
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void validateEndpointRefusesBadValuesSayingWhatToWrite() throws Exception {
    Map<String, String> config =
        stack.localConfig(
            "bad",
            "name",
            "bad",
            "otlp.namespace",
            "Bad-Namespace",
            "value.converter",
            "org.apache.kafka.connect.json.JsonConverter",
            "otlp.promote.logs",
            "resource_attributes.service.name",
            "iceberg.catalog.type",
            null);

    JsonNode result = stack.worker.validate("io.otlpiceberg.sink.OtlpIcebergSinkConnector", config);

    assertThat(result.path("error_count").asInt()).as("%s", result).isEqualTo(4);
    assertThat(errorsOf(result, "otlp.namespace")).contains("e.g. otel");
    assertThat(errorsOf(result, "otlp.promote.logs"))
        .contains(
            "logs already has a column service_name; name the promoted one, e.g."
                + " resource_service_name=resource_attributes.service.name:string");
    assertThat(errorsOf(result, "value.converter"))
        .contains("value.converter=io.otlpiceberg.converter.OtlpConverter");
    assertThat(errorsOf(result, "iceberg.catalog.type")).contains("iceberg.catalog.type=rest");
  }

  @Test
  void localExampleLandsEverySignalInBothEncodingsColumnByColumn() throws Exception {
    String name = "otlp-iceberg";
    Map<String, String> config = stack.localConfig("otel", "name", name);
    ExpectedRows expected = new ExpectedRows(Map.of());
    byte[] traces = EveryFieldRequests.traces(1, 3).toByteArray();
    // An export request without spans: no rows, yet its offset must be committed.
    byte[] emptyTraces =
        io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                io.opentelemetry.proto.trace.v1.ResourceSpans.newBuilder()
                    .setResource(EveryFieldRequests.resource("idle")))
            .build()
            .toByteArray();
    byte[] logs = EveryFieldRequests.logs().toByteArray();
    byte[] metrics = EveryFieldRequests.metrics().toByteArray();
    Map<String, List<byte[]>> records = new HashMap<>();
    records.put("otlp_spans", List.of(traces, ItEnv.resource("/samples/trace.json"), emptyTraces));
    records.put(
        "otlp_logs",
        List.of(
            logs, ItEnv.resource("/samples/logs.json"), ItEnv.resource("/samples/events.json")));
    records.put("otlp_metrics", List.of(metrics, ItEnv.resource("/samples/metrics.json")));
    for (Map.Entry<String, List<byte[]>> topic : records.entrySet()) {
      stack.kafka.createTopic(topic.getKey(), 1);
      for (byte[] value : topic.getValue()) {
        stack.kafka.send(topic.getKey(), 0, value);
        expected.produced(topic.getKey(), value);
      }
    }
    stack.kafka.createTopic("otlp_dlq", 1);

    stack.worker.createConnector(name, config);
    try {
      stack.worker.awaitRunning(name, 1);
      expected.awaitEveryTable(stack.catalog, "otel", COMMIT_WAIT);
      for (OtlpTable table : OtlpTable.values()) {
        assertCreatedAsTheContractSays(table);
      }
      assertIndependentValues();
      // Every record, the one without rows included, is consumed and committed.
      Poll.until(
          "committed offsets at the end of each topic",
          COMMIT_WAIT,
          () -> committedOffsets("connect-" + name),
          offsets ->
              offsets.getOrDefault(new TopicPartition("otlp_spans", 0), -1L) == 3L
                  && offsets.getOrDefault(new TopicPartition("otlp_logs", 0), -1L) == 3L
                  && offsets.getOrDefault(new TopicPartition("otlp_metrics", 0), -1L) == 2L);
    } finally {
      stack.worker.deleteConnector(name);
    }
  }

  @Test
  void twoTasksOverTwoPartitionsCommitOneSnapshotPerTablePerRound() throws Exception {
    String name = "two-tasks";
    String ns = "two_tasks";
    Map<String, String> config =
        stack.localConfig(
            ns,
            "name",
            name,
            "tasks.max",
            "2",
            "topics",
            "tt_spans,tt_logs,tt_metrics",
            "value.converter.traces.topics",
            "tt_spans",
            "value.converter.logs.topics",
            "tt_logs",
            "value.converter.metrics.topics",
            "tt_metrics",
            "otlp.promote.traces",
            "attributes.http.status_code:long, attributes.ok:boolean",
            "errors.deadletterqueue.topic.name",
            null);
    for (String topic : List.of("tt_spans", "tt_logs", "tt_metrics")) {
      stack.kafka.createTopic(topic, 2);
    }
    for (int partition = 0; partition < 2; partition++) {
      for (int batch = 0; batch < 5; batch++) {
        stack.kafka.send(
            "tt_spans",
            partition,
            EveryFieldRequests.traces(partition * 100 + batch, 9).toByteArray());
      }
      stack.kafka.send("tt_logs", partition, EveryFieldRequests.logs().toByteArray());
      stack.kafka.send("tt_metrics", partition, EveryFieldRequests.metrics().toByteArray());
    }
    int spans = 2 * 5 * 10; // partitions x requests x (1 rich + 9 plain spans)

    stack.worker.createConnector(name, config);
    try {
      stack.worker.awaitRunning(name, 2);
      Poll.until(
          spans + " spans",
          COMMIT_WAIT,
          () -> Tables.count(stack.catalog, ns, "traces"),
          n -> n == spans);
      Poll.until("4 logs", COMMIT_WAIT, () -> Tables.count(stack.catalog, ns, "logs"), n -> n == 4);
      Poll.until(
          "2 summaries",
          COMMIT_WAIT,
          () -> Tables.count(stack.catalog, ns, "metrics_summary"),
          n -> n == 2);

      List<Map<String, Object>> written = Tables.rows(stack.catalog, ns, "traces");
      assertThat(distinctSpans(written)).hasSize(spans);
      // The promoted attributes, typed, beside their maps: 200 and true on each rich span.
      assertThat(written)
          .filteredOn(s -> s.get("http_status_code") != null)
          .hasSize(10)
          .allSatisfy(
              s -> assertThat(s).containsEntry("http_status_code", 200L).containsEntry("ok", true))
          .allSatisfy(
              s ->
                  assertThat(s.get("attributes"))
                      .isEqualTo(
                          Map.of(
                              "http.status_code",
                              "200",
                              "ok",
                              "true",
                              "ratio",
                              "0.25",
                              "tags",
                              "[\"a\",1]")));
      assertThat(written)
          .filteredOn(s -> s.get("http_status_code") == null)
          .allSatisfy(s -> assertThat(s.get("attributes")).isEqualTo(Map.of()));
      for (OtlpTable table : OtlpTable.values()) {
        List<Snapshot> snapshots = Tables.snapshots(stack.catalog, ns, table.tableName());
        List<String> commitIds =
            snapshots.stream()
                .filter(s -> s.summary().containsKey("kafka.connect.commit-id"))
                .map(s -> s.summary().get("kafka.connect.commit-id"))
                .toList();
        assertThat(commitIds)
            .as("one snapshot per commit in %s", table.tableName())
            .doesNotHaveDuplicates()
            .hasSameSizeAs(snapshots);
      }
      // Both tasks' files of a round land in that round's single snapshot.
      assertThat(Tables.snapshots(stack.catalog, ns, "traces"))
          .anySatisfy(
              s ->
                  assertThat(Integer.parseInt(s.summary().get("added-data-files")))
                      .isGreaterThanOrEqualTo(2));
    } finally {
      stack.worker.deleteConnector(name);
    }
  }

  @Test
  void anAttributePromotedOnARunningConnectorGetsItsColumnFromBothTasksAtOnce() throws Exception {
    String name = "late-promotion";
    String ns = "late_promotion";
    Map<String, String> config =
        stack.localConfig(
            ns,
            "name",
            name,
            "tasks.max",
            "2",
            "topics",
            "lp_spans",
            "value.converter.traces.topics",
            "lp_spans",
            "errors.deadletterqueue.topic.name",
            null);
    stack.kafka.createTopic("lp_spans", 2);
    stack.worker.createConnector(name, config);
    try {
      stack.worker.awaitRunning(name, 2);
      sendRichSpans("lp_spans", 0);
      Poll.until(
          "the first 20 spans",
          COMMIT_WAIT,
          () -> Tables.count(stack.catalog, ns, "traces"),
          n -> n == 20);
      assertThat(Tables.load(stack.catalog, ns, "traces").schema().findField("http_status_code"))
          .isNull();

      // Connect restarts both tasks with the new config; both evolve the table as they start.
      config.put("otlp.promote.traces", "attributes.http.status_code:long");
      stack.worker.updateConnector(name, config);
      Poll.until(
          "the column added",
          COMMIT_WAIT,
          () ->
              Tables.load(stack.catalog, ns, "traces").schema().findField("http_status_code")
                  != null);
      stack.worker.awaitRunning(name, 2);
      sendRichSpans("lp_spans", 100);
      Poll.until(
          "40 spans", COMMIT_WAIT, () -> Tables.count(stack.catalog, ns, "traces"), n -> n == 40);

      Table table = Tables.load(stack.catalog, ns, "traces");
      table.refresh();
      assertThat(table.schema().columns())
          .filteredOn(f -> f.name().equals("http_status_code"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.type()).isEqualTo(org.apache.iceberg.types.Types.LongType.get());
                assertThat(f.isOptional()).isTrue();
              });
      List<Map<String, Object>> spans = Tables.rows(table);
      // Rich spans (those with attributes): null before the promotion, 200 after it.
      Map<Object, Long> byValue = new HashMap<>();
      spans.stream()
          .filter(s -> !((Map<?, ?>) s.get("attributes")).isEmpty())
          .forEach(s -> byValue.merge(String.valueOf(s.get("http_status_code")), 1L, Long::sum));
      assertThat(byValue).isEqualTo(Map.of("null", 2L, "200", 2L));
    } finally {
      stack.worker.deleteConnector(name);
    }
  }

  /** One request of 1 rich and 9 plain spans to each of the topic's two partitions. */
  private static void sendRichSpans(String topic, int batch) throws Exception {
    for (int partition = 0; partition < 2; partition++) {
      stack.kafka.send(
          topic, partition, EveryFieldRequests.traces(batch + partition, 9).toByteArray());
    }
  }

  @Test
  void undecodableRecordGoesToDeadLetterQueueAndGoodRecordsAroundItAreCommitted() throws Exception {
    String name = "dlq";
    String ns = "dlq_test";
    Map<String, String> config =
        stack.localConfig(
            ns,
            "name",
            name,
            "topics",
            "dlq_spans",
            "value.converter.traces.topics",
            "dlq_spans",
            "errors.deadletterqueue.topic.name",
            "dlq_dead");
    stack.kafka.createTopic("dlq_spans", 1);
    stack.kafka.createTopic("dlq_dead", 1);
    byte[] garbage = new byte[64];
    new Random(7).nextBytes(garbage);
    garbage[0] = 0x0A; // a protobuf field tag that promises more than there is
    garbage[1] = 0x7F;
    byte[] first = EveryFieldRequests.traces(11, 1).toByteArray();
    byte[] third = EveryFieldRequests.traces(12, 1).toByteArray();
    stack.kafka.send("dlq_spans", 0, first);
    stack.kafka.send("dlq_spans", 0, garbage);
    stack.kafka.send("dlq_spans", 0, third);
    long created = System.currentTimeMillis();

    stack.worker.createConnector(name, config);
    try {
      stack.worker.awaitRunning(name, 1);
      Poll.until(
          "4 spans from the good records",
          COMMIT_WAIT,
          () -> Tables.count(stack.catalog, ns, "traces"),
          n -> n == 4);

      List<ConsumerRecord<byte[], byte[]>> dead =
          Poll.until(
              "a dead letter", COMMIT_WAIT, () -> readAll("dlq_dead"), list -> !list.isEmpty());
      assertThat(dead)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.value()).isEqualTo(garbage);
                assertThat(header(r, "__connect.errors.topic")).isEqualTo("dlq_spans");
                assertThat(header(r, "__connect.errors.partition")).isEqualTo("0");
                assertThat(header(r, "__connect.errors.offset")).isEqualTo("1");
                assertThat(header(r, "__connect.errors.stage")).isEqualTo("VALUE_CONVERTER");
                assertThat(header(r, "__connect.errors.exception.class.name"))
                    .isEqualTo("org.apache.kafka.connect.errors.DataException");
                assertThat(header(r, "__connect.errors.exception.message")).contains("dlq_spans");
              });
      Poll.until(
          "offsets committed past all three records",
          COMMIT_WAIT,
          () -> committedOffsets("connect-" + name),
          offsets -> offsets.getOrDefault(new TopicPartition("dlq_spans", 0), -1L) == 3L);
      assertThat(stack.worker.status(name).path("tasks").get(0).path("state").asText())
          .isEqualTo("RUNNING");

      // What an operator's JMX client reads from the worker (README, "Metrics").
      Map<String, Object> metrics =
          WorkerJmx.attributes(
              stack.worker, "io.otlpiceberg:type=sink-task-metrics,connector=" + name + ",task=0");
      assertThat(metrics)
          .containsEntry("records-decoded-total-traces", 2L)
          .containsEntry("records-decoded-total-logs", 0L)
          .containsEntry("bytes-decoded-total", (long) (first.length + third.length))
          .containsEntry("decode-errors-total-protobuf", 1L)
          .containsEntry("decode-errors-total-json", 0L)
          .containsEntry("rows-written-total-traces", 4L)
          .containsEntry("rows-committed-total-traces", 4L)
          .containsEntry("rows-committed-total-logs", 0L);
      assertThat((Long) metrics.get("last-commit-rows-traces")).isBetween(1L, 4L);
      assertThat((Long) metrics.get("last-commit-time-ms-traces"))
          .isBetween(created, System.currentTimeMillis());
    } finally {
      stack.worker.deleteConnector(name);
    }
  }

  /**
   * The dead-letter copy of a record just under the broker's limit carries Connect's error headers
   * (a stack trace of a few KB) on top: over the DLQ producer's default 1 MiB request limit, and
   * over the broker's default record limit. With the example's producer.override.max.request.size
   * and a DLQ topic created as README says, it lands whole.
   */
  @Test
  void undecodableRecordJustUnderTheBrokerLimitReachesTheDeadLetterQueueWhole() throws Exception {
    String name = "big-dlq";
    String ns = "big_dlq";
    Map<String, String> config =
        stack.localConfig(
            ns,
            "name",
            name,
            "topics",
            "big_spans",
            "value.converter.traces.topics",
            "big_spans",
            "errors.deadletterqueue.topic.name",
            "big_dead");
    assertThat(config).containsEntry("producer.override.max.request.size", "2097152");
    stack.kafka.createTopic("big_spans", 1);
    stack
        .kafka
        .clients()
        .admin()
        .createTopics(
            List.of(
                new NewTopic("big_dead", 1, (short) 1)
                    .configs(Map.of("max.message.bytes", "2097152"))))
        .all()
        .get();
    // The broker's default message.max.bytes is 1048588; the batch around a record adds ~70.
    byte[] large = new byte[1_046_000];
    new Random(11).nextBytes(large);
    large[0] = 0x0A;
    large[1] = 0x7F;
    stack.kafka.send("big_spans", 0, large);
    stack.kafka.send("big_spans", 0, EveryFieldRequests.traces(13, 1).toByteArray());

    stack.worker.createConnector(name, config);
    try {
      stack.worker.awaitRunning(name, 1);
      List<ConsumerRecord<byte[], byte[]>> dead =
          Poll.until(
              "the large dead letter",
              COMMIT_WAIT,
              () -> readAll("big_dead"),
              list -> !list.isEmpty());
      assertThat(dead)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.value()).isEqualTo(large);
                assertThat(header(r, "__connect.errors.offset")).isEqualTo("0");
                assertThat(header(r, "__connect.errors.exception.stacktrace"))
                    .hasSizeGreaterThan(1000);
              });
      Poll.until(
          "2 spans from the good record",
          COMMIT_WAIT,
          () -> Tables.count(stack.catalog, ns, "traces"),
          n -> n == 2);
      assertThat(stack.worker.logs()).doesNotContain("RecordTooLargeException");
    } finally {
      stack.worker.deleteConnector(name);
    }
  }

  @Test
  void undecodableRecordWithToleranceNoneFailsTheTaskNamingTopicPartitionOffset() throws Exception {
    String name = "fail-fast";
    String ns = "fail_fast";
    Map<String, String> config =
        stack.localConfig(
            ns,
            "name",
            name,
            "topics",
            "ff_spans",
            "value.converter.traces.topics",
            "ff_spans",
            "errors.tolerance",
            "none",
            "errors.log.enable",
            "true",
            "errors.log.include.messages",
            "true",
            "errors.deadletterqueue.topic.name",
            null,
            "errors.deadletterqueue.context.headers.enable",
            null);
    stack.kafka.createTopic("ff_spans", 1);
    stack.kafka.send("ff_spans", 0, EveryFieldRequests.traces(21, 1).toByteArray());
    stack.kafka.send("ff_spans", 0, "not an OTLP request".getBytes(StandardCharsets.UTF_8));
    stack.kafka.send("ff_spans", 0, EveryFieldRequests.traces(22, 1).toByteArray());

    stack.worker.createConnector(name, config);
    try {
      JsonNode status =
          Poll.until(
              "the task to fail",
              COMMIT_WAIT,
              () -> stack.worker.status(name),
              s ->
                  s.path("tasks").size() == 1
                      && "FAILED".equals(s.path("tasks").get(0).path("state").asText()));
      String trace = status.path("tasks").get(0).path("trace").asText();
      assertThat(trace)
          .contains("Tolerance exceeded")
          .contains("DataException")
          .contains("ff_spans");
      // Connect's error log names the record's position: topic, partition and offset.
      String logs =
          Poll.until(
              "the error log line",
              Duration.ofSeconds(30),
              () -> stack.worker.logs(),
              text -> text.contains("topic='ff_spans'"));
      assertThat(logs)
          .containsPattern(
              "Executing stage 'VALUE_CONVERTER'.*topic='ff_spans', partition=0, offset=1");
      // Nothing past the bad record was written.
      assertThat(distinctSpans(Tables.rows(stack.catalog, ns, "traces")))
          .noneMatch(id -> id.startsWith(OtlpValues.hex(OtlpValues.traceId(22, 0xABCDEFL))));
    } finally {
      stack.worker.deleteConnector(name);
    }
  }

  private static void assertCreatedAsTheContractSays(OtlpTable contract) {
    Table table = Tables.load(stack.catalog, "otel", contract.tableName());
    assertThat(table.schema().asStruct().fields())
        .extracting(f -> f.name())
        .containsExactlyElementsOf(
            contract.schema().asStruct().fields().stream().map(f -> f.name()).toList());
    assertThat(table.spec().fields())
        .singleElement()
        .satisfies(f -> assertThat(f.transform().toString()).isEqualTo("day"));
    assertThat(table.sortOrder().fields()).isNotEmpty();
    assertThat(table.properties())
        .containsEntry(TableProperties.DEFAULT_FILE_FORMAT, "parquet")
        .containsEntry(TableProperties.PARQUET_COMPRESSION, "zstd");
    assertThat(
            ((org.apache.iceberg.HasTableOperations) table).operations().current().formatVersion())
        .isEqualTo(2);
  }

  /** Values checked against the OTLP input itself, not against the converter. */
  private static void assertIndependentValues() throws Exception {
    String richTrace = OtlpValues.hex(OtlpValues.traceId(1, 0xABCDEFL));
    Map<String, Object> span =
        Tables.rows(stack.catalog, "otel", "traces").stream()
            .filter(r -> richTrace.equals(r.get("trace_id")) && "GET /cart".equals(r.get("name")))
            .findFirst()
            .orElseThrow();
    assertThat(span)
        .containsEntry("service_name", "checkout")
        .containsEntry("span_id", OtlpValues.hex(OtlpValues.spanId(1_000_000L)))
        .containsEntry("parent_span_id", "000000000000002a")
        .containsEntry("kind", "SPAN_KIND_SERVER")
        .containsEntry("status_code", "STATUS_CODE_ERROR")
        .containsEntry("status_message", "boom")
        .containsEntry("start_time_unix_nano", EveryFieldRequests.T0)
        .containsEntry("duration_ns", 2_500_000L)
        .containsEntry("timestamp", Instant.ofEpochSecond(0, EveryFieldRequests.T0 / 1000 * 1000));
    @SuppressWarnings("unchecked")
    Map<String, Object> attributes = (Map<String, Object>) span.get("attributes");
    assertThat(attributes)
        .containsEntry("http.status_code", "200")
        .containsEntry("ok", "true")
        .containsEntry("ratio", "0.25");
    assertThat(Tables.rows(stack.catalog, "otel", "traces"))
        .anySatisfy(
            r ->
                assertThat(r)
                    .containsEntry("trace_id", "5b8efff798038103d269b633813fc60c")
                    .containsEntry("service_name", "my.service"));
    assertThat(Tables.rows(stack.catalog, "otel", "metrics_gauge"))
        .anySatisfy(
            r ->
                assertThat(r)
                    .containsEntry("metric_name", "queue.depth")
                    .containsEntry("value_int", 17L)
                    .containsEntry("value", 17.0));
    assertThat(Tables.rows(stack.catalog, "otel", "logs"))
        .anySatisfy(r -> assertThat(r).containsEntry("event_name", "user.login"));
  }

  private static Set<String> distinctSpans(List<Map<String, Object>> rows) {
    Set<String> ids = new HashSet<>();
    for (Map<String, Object> row : rows) {
      ids.add(row.get("trace_id") + "/" + row.get("span_id"));
    }
    return ids;
  }

  private static Map<TopicPartition, Long> committedOffsets(String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        stack
            .kafka
            .clients()
            .admin()
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get();
    Map<TopicPartition, Long> result = new HashMap<>();
    offsets.forEach((tp, om) -> result.put(tp, om == null ? -1L : om.offset()));
    return result;
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 10_000;
      while (consumer.position(tp) < end && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
    Header header = record.headers().lastHeader(key);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static String errorsOf(JsonNode validation, String key) {
    for (JsonNode config : validation.path("configs")) {
      if (key.equals(config.path("value").path("name").asText())) {
        return config.path("value").path("errors").toString();
      }
    }
    return "";
  }
}
