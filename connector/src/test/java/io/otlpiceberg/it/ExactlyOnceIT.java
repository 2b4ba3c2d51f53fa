package io.otlpiceberg.it;

import io.otlpiceberg.stack.Poll;
import io.otlpiceberg.telemetry.EveryFieldRequests;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.iceberg.connect.events.AvroUtil;
import org.apache.iceberg.connect.events.Event;
import org.apache.iceberg.connect.events.PayloadType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Restarts of the Connect worker in the middle of a stream neither lose nor duplicate rows: the
 * Iceberg sink keeps the Kafka offsets with its commits, and we hand it whole records.
 */
class ExactlyOnceIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final int SPANS_PER_REQUEST = 10;
  private static OtlpStack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = OtlpStack.start("exactly-once");
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void workerStoppedAndStartedMidStreamKeepsEveryRowExactlyOnce() throws Exception {
    String name = "eo-restart";
    String ns = "eo_restart";
    String topic = "eo_restart_spans";
    stack.kafka.createTopic(topic, 1);
    stack.worker.createConnector(
        name,
        stack.localConfig(
            ns,
            "name",
            name,
            "topics",
            topic,
            "value.converter.traces.topics",
            topic,
            "errors.deadletterqueue.topic.name",
            null));
    try {
      stack.worker.awaitRunning(name, 1);
      produce(topic, 0, 30);
      Poll.until(
          "a first commit", WAIT, () -> Tables.count(stack.catalog, ns, "traces"), n -> n > 0);

      // Keep producing while the worker goes down and comes back.
      CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> produce(topic, 30, 60));
      stack.worker.stop();
      stack.worker.start();
      stream.get();
      stack.worker.awaitRunning(name, 1);

      assertExactlyOnce(ns, 60 * SPANS_PER_REQUEST);
    } finally {
      stack.worker.deleteConnector(name);
    }
  }

  @Test
  void workerKilledWithACommitInFlightKeepsEveryRowExactlyOnce() throws Exception {
    String name = "eo-kill";
    String ns = "eo_kill";
    String topic = "eo_kill_spans";
    String control = name + "-control";
    stack.kafka.createTopic(topic, 1);
    stack.kafka.createTopic(control, 1);
    stack.worker.createConnector(
        name,
        stack.localConfig(
            ns,
            "name",
            name,
            "topics",
            topic,
            "value.converter.traces.topics",
            topic,
            "errors.deadletterqueue.topic.name",
            null));
    try {
      stack.worker.awaitRunning(name, 1);
      produce(topic, 0, 20);
      Poll.until(
          "a first commit", WAIT, () -> Tables.count(stack.catalog, ns, "traces"), n -> n > 0);

      try (KafkaConsumer<byte[], byte[]> events = controlTopicFromNow(control)) {
        produce(topic, 20, 40);
        // Data files of a round have been reported: kill before the coordinator's commit ends.
        awaitEvent(events, PayloadType.DATA_WRITTEN);
        stack.worker.kill();
      }
      produce(topic, 40, 60);
      stack.worker.start();
      stack.worker.awaitRunning(name, 1);

      assertExactlyOnce(ns, 60 * SPANS_PER_REQUEST);
    } finally {
      stack.worker.deleteConnector(name);
    }
  }

  private static void assertExactlyOnce(String ns, int spans) throws Exception {
    ExactlyOnce.assertSpans(stack.catalog, ns, spans, WAIT);
  }

  /** Requests [from, to), each one trace of SPANS_PER_REQUEST spans with unique ids. */
  private static void produce(String topic, int from, int to) {
    try {
      for (int i = from; i < to; i++) {
        stack.kafka.send(
            topic, 0, EveryFieldRequests.traces(10_000 + i, SPANS_PER_REQUEST - 1).toByteArray());
        Thread.sleep(20);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads the control topic uncommitted, as events are sent, from its current end. */
  private static KafkaConsumer<byte[], byte[]> controlTopicFromNow(String control) {
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    TopicPartition tp = new TopicPartition(control, 0);
    consumer.assign(List.of(tp));
    consumer.seekToEnd(List.of(tp));
    consumer.position(tp);
    return consumer;
  }

  private static void awaitEvent(KafkaConsumer<byte[], byte[]> consumer, PayloadType type)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
        Event event = AvroUtil.decode(record.value());
        if (event.payload().type() == type) {
          return;
        }
      }
    }
    throw new AssertionError("No " + type + " event on the control topic within " + WAIT);
  }
}
