package io.otlpiceberg.it;

import io.otlpiceberg.telemetry.EveryFieldRequests;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Trace requests sent at a steady rate from a thread of its own, while a test breaks things:
 * request {@code i} is one trace of {@link #SPANS_PER_REQUEST} spans whose ids no other request
 * has, so every row can be found again by content. The producer is idempotent and waits out a
 * broker outage (its delivery timeout is longer than any outage a test makes); a request it could
 * not deliver fails the load rather than being sent twice.
 */
final class SteadyLoad implements AutoCloseable {
  static final int SPANS_PER_REQUEST = 10;

  private final String topic;
  private final int partitions;
  private final long firstBatch;
  private final Duration interval;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicInteger acknowledged = new AtomicInteger();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile boolean running = true;
  private final Thread thread;

  /**
   * @param firstBatch the trace-id prefix of the first request; loads of one table must not share
   *     ranges
   */
  SteadyLoad(
      String bootstrapServers, String topic, int partitions, long firstBatch, Duration interval) {
    this.topic = topic;
    this.partitions = partitions;
    this.firstBatch = firstBatch;
    this.interval = interval;
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    this.producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    this.thread = new Thread(this::run, "steady-load-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      for (int i = 0; running; i++) {
        Future<RecordMetadata> sent =
            producer.send(
                new ProducerRecord<>(
                    topic,
                    i % partitions,
                    null,
                    EveryFieldRequests.traces(firstBatch + i, SPANS_PER_REQUEST - 1)
                        .toByteArray()));
        // One in flight at a time: the count is exactly the requests Kafka holds.
        sent.get();
        acknowledged.incrementAndGet();
        Thread.sleep(interval.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failure.set(e);
    }
  }

  int acknowledged() {
    return acknowledged.get();
  }

  /** Stops sending; returns how many requests Kafka acknowledged, or fails with the reason. */
  int stop() throws Exception {
    running = false;
    thread.join(Duration.ofMinutes(5).toMillis());
    if (failure.get() != null) {
      throw new AssertionError("The load could not deliver a request", failure.get());
    }
    return acknowledged.get();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    producer.close(Duration.ofSeconds(5));
  }
}
