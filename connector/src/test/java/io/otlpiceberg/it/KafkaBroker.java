package io.otlpiceberg.it;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/** One KRaft broker in the test JVM, on loopback, sized for a single node. */
final class KafkaBroker implements AutoCloseable {
  private final EmbeddedKafkaCluster cluster;
  private final BrokerClients clients;

  private KafkaBroker(EmbeddedKafkaCluster cluster) {
    this.cluster = cluster;
    this.clients = new BrokerClients(cluster.bootstrapServers(), Map.of());
  }

  static KafkaBroker start() {
    EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(1, singleNodeProperties());
    cluster.start();
    return new KafkaBroker(cluster);
  }

  /** Broker settings every single-node test broker needs, whatever its listeners. */
  static Properties singleNodeProperties() {
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
    return props;
  }

  String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  Admin admin() {
    return clients.admin();
  }

  BrokerClients clients() {
    return clients;
  }

  void createTopic(String name, int partitions) throws Exception {
    clients.createTopic(name, partitions);
  }

  void send(String topic, Integer partition, byte[] value) throws Exception {
    clients.send(topic, partition, value);
  }

  @Override
  public void close() {
    clients.close();
    cluster.stop();
  }
}
