package io.otlpiceberg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import io.otlpiceberg.stack.Poll;
import io.otlpiceberg.tables.OtlpTable;
import io.otlpiceberg.telemetry.EveryFieldRequests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Commit events (otlp.commit-events.topic) from a running connector with two tasks, over several
 * commit rounds: one event per snapshot the connector made, none for anything else, each saying
 * what that snapshot holds, checked against the rows it added.
 */
class CommitEventsIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final long NANOS_PER_HOUR = 3_600_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static OtlpStack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = OtlpStack.start("commit-events-it");
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everySnapshotIsAnnouncedOnceWithItsRowsFilesDaysAndTimes() throws Exception {
    String name = "events";
    String ns = "events";
    String eventsTopic = "events-commits";
    SignalTopics topics = new SignalTopics(name);
    Map<String, String> config =
        stack.localConfig(
            ns, "name", name, "tasks.max", "2", "otlp.commit-events.topic", eventsTopic);
    topics.applyTo(config);
    stack.kafka.createTopic(eventsTopic, 1);
    for (String topic : List.of(name + "-spans", name + "-logs", name + "-metrics")) {
      stack.kafka.createTopic(topic, 2);
    }

    stack.worker.createConnector(name, config);
    try {
      stack.worker.awaitRunning(name, 2);
      // Round after round: each request's spans spread over two days, on both partitions.
      int spans = 0;
      for (int round = 0; round < 3; round++) {
        for (int partition = 0; partition < 2; partition++) {
          long batch = round * 10L + partition;
          stack.kafka.send(
              name + "-spans",
              partition,
              acrossMidnight(EveryFieldRequests.traces(batch, 4), round).toByteArray());
          spans += 5;
        }
        stack.kafka.send(name + "-logs", round % 2, EveryFieldRequests.logs().toByteArray());
        int expected = spans;
        Poll.until(
            expected + " spans",
            WAIT,
            () -> Tables.count(stack.catalog, ns, "traces"),
            n -> n == expected);
      }
      stack.kafka.send(name + "-metrics", 0, EveryFieldRequests.metrics().toByteArray());
      Poll.until(
          "metrics", WAIT, () -> Tables.count(stack.catalog, ns, "metrics_summary"), n -> n > 0);

      Map<String, List<JsonNode>> events =
          Poll.until(
              "an event for every snapshot",
              WAIT,
              () -> eventsByTable(eventsTopic),
              byTable -> everySnapshotAnnounced(ns, byTable));
      assertThat(events.get(ns + ".traces")).hasSizeGreaterThanOrEqualTo(3);
      for (OtlpTable table : OtlpTable.values()) {
        Table t = stack.catalog.loadTable(TableIdentifier.of(ns, table.tableName()));
        List<JsonNode> tableEvents = events.getOrDefault(ns + "." + table.tableName(), List.of());
        List<Long> announced =
            tableEvents.stream().map(e -> e.get("snapshot_id").asLong()).toList();
        assertThat(announced)
            .as("events of %s", table.tableName())
            .doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(snapshotIds(t));
        for (JsonNode event : tableEvents) {
          assertMatchesItsSnapshot(t, event, name);
        }
      }
    } finally {
      stack.worker.deleteConnector(name);
    }
  }

  @Test
  void anEventTheBrokerRefusesIsCountedAndLoggedAndTheCommitsGoOn() throws Exception {
    String name = "refused-events";
    String ns = "refused_events";
    String eventsTopic = name + "-commits";
    SignalTopics topics = new SignalTopics(name);
    Map<String, String> config =
        stack.localConfig(ns, "name", name, "otlp.commit-events.topic", eventsTopic);
    topics.applyTo(config);
    // Every event is larger than the topic takes: the broker answers RecordTooLargeException.
    stack
        .kafka
        .clients()
        .admin()
        .createTopics(
            List.of(
                new NewTopic(eventsTopic, 1, (short) 1).configs(Map.of("max.message.bytes", "64"))))
        .all()
        .get();
    ExpectedRows expected = new ExpectedRows(topics.converterConfig());
    topics.sendOneRequestEach(stack.kafka.clients(), expected);

    stack.worker.createConnector(name, config);
    try {
      stack.worker.awaitRunning(name, 1);
      expected.awaitEveryTable(stack.catalog, ns, WAIT);
      int snapshots = 0;
      for (OtlpTable table : OtlpTable.values()) {
        snapshots +=
            snapshotIds(stack.catalog.loadTable(TableIdentifier.of(ns, table.tableName()))).size();
      }
      // Each event fails at the broker's first answer: the producer sends them one by one
      // (batched, they would be split and sent again for 2 minutes).
      int made = snapshots;
      Map<String, Object> metrics =
          Poll.until(
              "every refused event counted",
              WAIT,
              () ->
                  WorkerJmx.attributes(
                      stack.worker,
                      "io.otlpiceberg:type=sink-task-metrics,connector=" + name + ",task=0"),
              m -> ((Long) m.get("commit-events-failed-total")) == made);
      assertThat(metrics).containsEntry("commit-events-published-total", 0L);
      assertThat(stack.worker.logs())
          .contains(
              "Could not publish a commit event to " + eventsTopic + " (the commit itself is made)")
          .contains("RecordTooLargeException");
      assertThat(stack.worker.status(name).path("tasks").path(0).path("state").asText())
          .isEqualTo("RUNNING");
    } finally {
      stack.worker.deleteConnector(name);
    }
  }

  /** The event says what the snapshot says, and what the rows it added hold. */
  private static void assertMatchesItsSnapshot(Table table, JsonNode event, String connector)
      throws IOException {
    Snapshot snapshot = table.snapshot(event.get("snapshot_id").asLong());
    String what = table.name() + " snapshot " + snapshot.snapshotId() + ", event " + event;
    assertThat(event.get("connector").asText()).as(what).isEqualTo(connector);
    assertThat(event.get("sequence_number").asLong()).as(what).isEqualTo(snapshot.sequenceNumber());
    assertThat(Instant.parse(event.get("commit_time").asText()))
        .as(what)
        .isEqualTo(Instant.ofEpochMilli(snapshot.timestampMillis()));
    assertThat(event.get("added_files").asLong())
        .as(what)
        .isEqualTo(Long.parseLong(snapshot.summary().get("added-data-files")));

    List<Instant> times = addedTimestamps(table, snapshot);
    assertThat(event.get("added_rows").asLong())
        .as(what)
        .isEqualTo(Long.parseLong(snapshot.summary().get("added-records")))
        .isEqualTo(times.size());
    assertThat(Instant.parse(event.get("min_timestamp").asText()))
        .as(what)
        .isEqualTo(times.stream().min(Instant::compareTo).orElseThrow());
    assertThat(Instant.parse(event.get("max_timestamp").asText()))
        .as(what)
        .isEqualTo(times.stream().max(Instant::compareTo).orElseThrow());
    List<String> days = new ArrayList<>();
    event.get("days").forEach(day -> days.add(day.asText()));
    assertThat(days)
        .as(what)
        .isEqualTo(
            times.stream()
                .map(t -> LocalDate.ofInstant(t, ZoneOffset.UTC).toString())
                .collect(Collectors.toCollection(TreeSet::new))
                .stream()
                .toList());
  }

  /** The {@code timestamp} of every row the snapshot added, read from its data files. */
  private static List<Instant> addedTimestamps(Table table, Snapshot snapshot) throws IOException {
    IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(table).select("timestamp");
    scan =
        snapshot.parentId() == null
            ? scan.useSnapshot(snapshot.snapshotId())
            : scan.appendsBetween(snapshot.parentId(), snapshot.snapshotId());
    List<Instant> times = new ArrayList<>();
    try (CloseableIterable<Record> records = scan.build()) {
      for (Record record : records) {
        times.add((Instant) Tables.normalize(record.getField("timestamp")));
      }
    }
    return times;
  }

  private static boolean everySnapshotAnnounced(String ns, Map<String, List<JsonNode>> events) {
    for (OtlpTable table : OtlpTable.values()) {
      Table t = stack.catalog.loadTable(TableIdentifier.of(ns, table.tableName()));
      List<Long> announced =
          events.getOrDefault(ns + "." + table.tableName(), List.of()).stream()
              .map(e -> e.get("snapshot_id").asLong())
              .toList();
      if (!announced.containsAll(snapshotIds(t))) {
        return false;
      }
    }
    return true;
  }

  private static List<Long> snapshotIds(Table table) {
    table.refresh();
    List<Long> ids = new ArrayList<>();
    table.snapshots().forEach(s -> ids.add(s.snapshotId()));
    return ids;
  }

  /** Every event on the topic so far, by its key, checking the key names the event's table. */
  private static Map<String, List<JsonNode>> eventsByTable(String topic) throws IOException {
    Map<String, List<JsonNode>> byTable = new HashMap<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new StringDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      long deadline = System.currentTimeMillis() + 10_000;
      while (consumer.position(tp) < end && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          JsonNode event = JSON.readTree(record.value().getBytes(StandardCharsets.UTF_8));
          assertThat(event.get("table").asText()).isEqualTo(record.key());
          byTable.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(event);
        }
      }
    }
    return byTable;
  }

  /** The request with its spans moved to either side of a midnight, an hour apart each. */
  private static ExportTraceServiceRequest acrossMidnight(
      ExportTraceServiceRequest request, int round) {
    long midnight =
        LocalDate.of(2026, 12, 1).plusDays(round).atStartOfDay().toEpochSecond(ZoneOffset.UTC)
            * 1_000_000_000L;
    ExportTraceServiceRequest.Builder builder = request.toBuilder();
    List<Span.Builder> spans =
        builder.getResourceSpansBuilder(0).getScopeSpansBuilder(0).getSpansBuilderList();
    for (int i = 0; i < spans.size(); i++) {
      long start = midnight + (i - spans.size() / 2) * NANOS_PER_HOUR + 123_456_000L;
      spans.get(i).setStartTimeUnixNano(start).setEndTimeUnixNano(start + 1_000_000L);
    }
    return builder.build();
  }
}
