package io.otlpiceberg.it;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/** One KRaft broker in the test JVM, on loopback, sized for a single node. */
final class KafkaBroker implements AutoCloseable {
  private final EmbeddedKafkaCluster cluster;
  private final Admin admin;
  private final KafkaProducer<byte[], byte[]> producer;

  private KafkaBroker(EmbeddedKafkaCluster cluster) {
    this.cluster = cluster;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        cluster.bootstrapServers()));
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 0),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  static KafkaBroker start() {
    Properties props = new Properties();
    props.put("auto.create.topics.enable", "true");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "4");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "4");
    props.put("group.initial.rebalance.delay.ms", "0");
    // A crashed worker leaves transactions open; abort them soon, not after a minute.
    props.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    props.put("group.min.session.timeout.ms", "1000");
    EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(1, props);
    cluster.start();
    return new KafkaBroker(cluster);
  }

  String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  Admin admin() {
    return admin;
  }

  void createTopic(String name, int partitions) throws Exception {
    admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
  }

  void send(String topic, Integer partition, byte[] value) throws Exception {
    producer.send(new ProducerRecord<>(topic, partition, null, value)).get();
  }

  @Override
  public void close() {
    producer.close();
    admin.close();
    cluster.stop();
  }
}
