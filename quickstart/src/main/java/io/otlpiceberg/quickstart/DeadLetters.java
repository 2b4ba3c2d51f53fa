package io.otlpiceberg.quickstart;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The records Connect sent to the dead-letter topic, by their original topic, partition and offset
 * ({@code __connect.errors.*} headers, on in local.json). The Iceberg sink never sees such a
 * record, so it never commits its offset: the quickstart counts it as handled instead.
 */
final class DeadLetters implements AutoCloseable {
  private final String topic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Set<String> seen = new HashSet<>();
  private boolean assigned;

  DeadLetters(String bootstrapServers, String topic) {
    this.topic = topic;
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
  }

  /** Reads what is new in the topic; true if the record at this position was dead-lettered. */
  boolean contains(TopicPartition source, long offset) {
    return seen.contains(key(source.topic(), source.partition(), offset));
  }

  void refresh() {
    if (!assigned) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (partitions == null || partitions.isEmpty()) {
        return;
      }
      List<TopicPartition> tps =
          partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      assigned = true;
    }
    Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
        && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
        String t = header(r, "__connect.errors.topic");
        String p = header(r, "__connect.errors.partition");
        String o = header(r, "__connect.errors.offset");
        if (t != null && p != null && o != null) {
          seen.add(key(t, Integer.parseInt(p.trim()), Long.parseLong(o.trim())));
        }
      }
    }
  }

  int size() {
    return seen.size();
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static String key(String topic, int partition, long offset) {
    return topic + "/" + partition + "/" + offset;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
