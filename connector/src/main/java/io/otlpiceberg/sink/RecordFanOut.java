package io.otlpiceberg.sink;

import io.otlpiceberg.config.OtlpSinkConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns each decoded Kafka record into one record per row (span, log record, data point), each
 * routed to its table and keeping the source record's topic, partition and offset.
 *
 * <p>The rows of one Kafka record stay together, in order, in the same batch: the Iceberg sink
 * answers commit requests only between batches, so a record is never half in one commit. A record
 * without rows becomes one record with a null value, which the sink counts as consumed (its offset
 * advances) and writes nowhere.
 */
final class RecordFanOut {
  private final String routeField;
  /** Table name as the converter names it -> route value (the table identifier's text). */
  private final Map<String, String> routeValues;

  RecordFanOut(String routeField, Map<String, String> routeValues) {
    this.routeField = routeField;
    this.routeValues = new HashMap<>(routeValues);
  }

  List<SinkRecord> fanOut(Collection<SinkRecord> records) {
    List<SinkRecord> out = new ArrayList<>(records.size() * 4);
    for (SinkRecord record : records) {
      fanOut(record, out);
    }
    return out;
  }

  private void fanOut(SinkRecord record, List<SinkRecord> out) {
    Object value = record.value();
    if (value == null) {
      out.add(record);
      return;
    }
    if (!(value instanceof Map)) {
      throw new ConnectException(String.format(
          "Record at topic %s, partition %d, offset %d: expected the table rows decoded by %s,"
              + " found a %s; set value.converter=%s in the connector config",
          record.topic(), record.kafkaPartition(), record.kafkaOffset(),
          OtlpSinkConfig.OTLP_CONVERTER, value.getClass().getName(),
          OtlpSinkConfig.OTLP_CONVERTER));
    }
    int before = out.size();
    Map<?, ?> tables = (Map<?, ?>) value;
    for (Map.Entry<?, ?> entry : tables.entrySet()) {
      String routeValue = routeValues.get(entry.getKey());
      if (routeValue == null) {
        // The sink would silently drop rows for a table it cannot find: refuse instead.
        throw new ConnectException(String.format(
            "Record at topic %s, partition %d, offset %d holds rows for unknown table '%s';"
                + " expected one of %s",
            record.topic(), record.kafkaPartition(), record.kafkaOffset(), entry.getKey(),
            routeValues.keySet()));
      }
      for (Object row : (List<?>) entry.getValue()) {
        out.add(withValue(record, new RoutedRow(asRow(row), routeField, routeValue)));
      }
    }
    if (out.size() == before) {
      out.add(withValue(record, null));
    }
  }

  /**
   * A record with the same topic, partition, offset (current and original), key, timestamp and
   * headers. The headers object is shared, not copied: the sink only reads it.
   */
  private static SinkRecord withValue(SinkRecord record, Object value) {
    return record.newRecord(
        record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
        null, value, record.timestamp(), record.headers());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asRow(Object row) {
    return (Map<String, Object>) row;
  }
}
