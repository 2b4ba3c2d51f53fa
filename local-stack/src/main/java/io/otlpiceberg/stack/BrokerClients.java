package io.otlpiceberg.stack;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** An admin and a producer for a broker, with whatever security it requires. */
public final class BrokerClients implements AutoCloseable {
  private final Admin admin;
  private final KafkaProducer<byte[], byte[]> producer;

  /**
   * @param security client properties besides bootstrap.servers (empty for PLAINTEXT)
   */
  public BrokerClients(String bootstrapServers, Map<String, ?> security) {
    Map<String, Object> common = new HashMap<>(security);
    common.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    this.admin = Admin.create(common);
    Map<String, Object> producerConfig = new HashMap<>(common);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    // Room for the largest records a test sends (the broker's default limit is about 1 MB).
    producerConfig.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
    this.producer =
        new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
  }

  public Admin admin() {
    return admin;
  }

  public KafkaProducer<byte[], byte[]> producer() {
    return producer;
  }

  public void createTopic(String name, int partitions) throws Exception {
    admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
  }

  /** Sends one record and waits for the broker's acknowledgement. */
  public void send(String topic, Integer partition, byte[] value) throws Exception {
    producer.send(new ProducerRecord<>(topic, partition, null, value)).get();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
  }
}
