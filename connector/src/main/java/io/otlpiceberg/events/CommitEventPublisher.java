package io.otlpiceberg.events;

import io.otlpiceberg.catalog.CommitObserver;
import io.otlpiceberg.catalog.TableCommit;
import io.otlpiceberg.metrics.TaskMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one JSON event per table commit to a Kafka topic, keyed by the table, so a job
 * downstream (an export, a Lambda) learns when rows became visible and which days they touch.
 *
 * <p>The event is sent after the commit, without waiting for the broker: a commit never waits for,
 * or fails because of, its event. An event the broker does not take within the producer's delivery
 * timeout is logged at ERROR with its JSON and counted; one whose task dies between the commit and
 * the send is not published. A job that must not miss a commit compares the events' snapshot ids
 * with the table's snapshots.
 */
public final class CommitEventPublisher implements CommitObserver, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CommitEventPublisher.class);

  /** Bounds how long a commit can wait to hand over its event when the broker is gone. */
  private static final int MAX_BLOCK_MS = 15_000;

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Producer<String, String> producer;
  private final String topic;
  private final String connector;
  private final TaskMetrics metrics;

  CommitEventPublisher(
      Producer<String, String> producer, String topic, String connector, TaskMetrics metrics) {
    this.producer = producer;
    this.topic = topic;
    this.connector = connector;
    this.metrics = metrics;
  }

  /**
   * A publisher to the topic, with the clients settings the Iceberg sink's control topic uses
   * ({@code iceberg.kafka.*} over the worker's). Fails, naming the topic, when the topic cannot be
   * found: better at task start than as an error on every commit.
   */
  public static CommitEventPublisher open(
      String topic,
      Map<String, String> kafkaProps,
      String connector,
      String taskId,
      TaskMetrics metrics) {
    Map<String, Object> props = new HashMap<>(kafkaProps);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, connector + "-commit-events-" + taskId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
    // One event per request: there are a few per commit round. Batched, events a broker
    // refuses as too large are split and sent again until the delivery timeout (2 minutes),
    // with a warning per try, instead of failing at once.
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 0);
    props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    Producer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    try {
      producer.partitionsFor(topic);
    } catch (KafkaException e) {
      producer.close(Duration.ZERO);
      throw new ConnectException(
          "Cannot publish commit events to topic "
              + topic
              + ": "
              + e.getMessage()
              + ". Create the topic (e.g. kafka-topics.sh --create --topic "
              + topic
              + "), give the connector's principal Write and Describe on it, or remove"
              + " otlp.commit-events.topic",
          e);
    }
    return new CommitEventPublisher(producer, topic, connector, metrics);
  }

  @Override
  public void committed(TableCommit commit) {
    String event = CommitEventJson.of(commit, connector);
    try {
      producer.send(
          new ProducerRecord<>(topic, commit.table().toString(), event),
          (metadata, error) -> {
            if (error == null) {
              metrics.commitEventPublished();
            } else {
              failed(event, error);
            }
          });
    } catch (KafkaException e) {
      failed(event, e);
    }
  }

  private void failed(String event, Exception error) {
    metrics.commitEventFailed();
    LOG.error(
        "Could not publish a commit event to {} (the commit itself is made): {}. Event: {}",
        topic,
        error.toString(),
        event);
  }

  @Override
  public void close() {
    // Waits for the events in flight: they describe commits already made.
    producer.close(CLOSE_TIMEOUT);
  }
}
