package io.otlpiceberg.write;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * A commit round's files cannot be handed over, and the records in them must be written again:
 *
 * <ul>
 *   <li>a table they were written for was dropped, or dropped and created again, since. The Iceberg
 *       sink's coordinator would skip them ("Table not found" or "target table mismatch") and still
 *       commit the Kafka offsets past their rows, so the rows would be lost;
 *   <li>or the object store failed to take a data file, after its client's own retries.
 * </ul>
 *
 * The round's files are deleted and the task reads its partitions again from {@link #rewindTo()},
 * so nothing is lost and nothing is written twice.
 */
public final class RoundAbandonedException extends ConnectException {
  private final transient Map<TopicPartition, Long> rewindTo;

  RoundAbandonedException(String message, Map<TopicPartition, Long> rewindTo, Throwable cause) {
    super(message, cause);
    this.rewindTo = Map.copyOf(rewindTo);
  }

  /**
   * Per partition, the offset of the first record not handed over: everything before it went out
   * with an earlier round (with its offsets, in one transaction); everything from it on is in the
   * deleted files.
   */
  public Map<TopicPartition, Long> rewindTo() {
    return rewindTo;
  }
}
