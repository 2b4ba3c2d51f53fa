package io.otlpiceberg.it;

import io.otlpiceberg.stack.BrokerClients;
import io.otlpiceberg.telemetry.EveryFieldRequests;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One topic per signal for one test connector ({@code <name>-spans}, {@code -logs}, {@code
 * -metrics}), so connectors sharing a stack never read each other's records.
 */
record SignalTopics(String name) {

  /** The converter's topic keys, unprefixed, as {@link ExpectedRows} takes them. */
  Map<String, String> converterConfig() {
    return Map.of(
        "traces.topics",
        name + "-spans",
        "logs.topics",
        name + "-logs",
        "metrics.topics",
        name + "-metrics");
  }

  /** Points a connector config at these topics and gives it its own control and DLQ topics. */
  void applyTo(Map<String, String> config) {
    config.put("topics", name + "-spans," + name + "-logs," + name + "-metrics");
    converterConfig().forEach((key, topic) -> config.put("value.converter." + key, topic));
    config.put("iceberg.control.topic", name + "-control");
    config.put("errors.deadletterqueue.topic.name", name + "-dlq");
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
  }

  /** Creates the topics and sends one export request of each signal, recording its rows. */
  void sendOneRequestEach(BrokerClients kafka, ExpectedRows expected) throws Exception {
    send(kafka, expected, 7, true);
  }

  /** One more request of each signal to the topics created before, its spans new ones. */
  void sendAnotherRequestEach(BrokerClients kafka, ExpectedRows expected) throws Exception {
    send(kafka, expected, 8, false);
  }

  private void send(
      BrokerClients kafka, ExpectedRows expected, long traceBatch, boolean createTopics)
      throws Exception {
    Map<String, byte[]> records = new LinkedHashMap<>();
    records.put(name + "-spans", EveryFieldRequests.traces(traceBatch, 3).toByteArray());
    records.put(name + "-logs", EveryFieldRequests.logs().toByteArray());
    records.put(name + "-metrics", EveryFieldRequests.metrics().toByteArray());
    for (Map.Entry<String, byte[]> record : records.entrySet()) {
      if (createTopics) {
        kafka.createTopic(record.getKey(), 1);
      }
      kafka.send(record.getKey(), 0, record.getValue());
      expected.produced(record.getKey(), record.getValue());
    }
  }
}
