package io.otlpiceberg.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otlpiceberg.config.OtlpSinkConfig;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.connect.IcebergSinkConfig;
import org.apache.iceberg.connect.data.SinkWriter;
import org.apache.iceberg.connect.data.SinkWriterResult;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The threading of {@link PipelinedSinkWriter}, against a writer that records what it is asked
 * and on which thread. That the rows and offsets it hands over are those of the plain writer is
 * in {@link OtlpSinkWriterTest}; that commits stay exactly-once, in the connector's ITs, which run
 * pipelined (the default).
 */
@Timeout(30)
class PipelinedSinkWriterTest {
  private static final String THREAD = "otlp-iceberg-writer-test-0";

  private final InMemoryCatalog catalog = new InMemoryCatalog();
  private final IcebergSinkConfig config = new IcebergSinkConfig(OtlpSinkConfig.resolve(Map.of(
      "name", "pipelined-test", "iceberg.catalog.catalog-impl", InMemoryCatalog.class.getName())));
  private final Recording recording = new Recording();
  private final PipelinedSinkWriter pipelined =
      new PipelinedSinkWriter(catalog, config, recording, THREAD);

  @AfterEach
  void tearDown() {
    pipelined.close();
  }

  @Test
  void batchesAreWrittenInOrderOnTheWriterThreadAndCompleteWriteWaitsForTheLast() throws Exception {
    recording.slow = true;
    pipelined.save(List.of(record(0), record(1)));
    pipelined.save(List.of(record(2)));
    pipelined.save(List.of(record(3)));
    SinkWriterResult result = pipelined.completeWrite();

    assertThat(result).isSameAs(recording.result);
    assertThat(recording.calls).containsExactly(
        "save 0,1 on " + THREAD, "save 2 on " + THREAD, "save 3 on " + THREAD,
        "completeWrite on " + Thread.currentThread().getName());
  }

  @Test
  void saveReturnsWhileTheBatchIsStillBeingWritten() throws Exception {
    recording.hold = new CountDownLatch(1);
    pipelined.save(List.of(record(0)));
    assertThat(recording.entered.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(recording.calls).isEmpty();

    recording.hold.countDown();
    pipelined.completeWrite();
    assertThat(recording.calls).startsWith("save 0 on " + THREAD);
  }

  @Test
  void aFailedBatchFailsTheNextCallWithItsOwnErrorAndNothingAfterItIsWritten() {
    recording.failOn = 1;
    pipelined.save(List.of(record(0)));
    pipelined.save(List.of(record(1)));

    assertThatThrownBy(() -> pipelined.save(List.of(record(2))))
        .isInstanceOf(DataException.class).hasMessageContaining("offset 1");
    assertThatThrownBy(pipelined::completeWrite)
        .isInstanceOf(DataException.class).hasMessageContaining("offset 1");
    assertThat(recording.calls).containsExactly("save 0 on " + THREAD);
  }

  @Test
  void closeWaitsForTheBatchInFlightThenClosesTheWriter() {
    recording.slow = true;
    pipelined.save(List.of(record(0)));
    pipelined.close();

    assertThat(recording.calls).containsExactly("save 0 on " + THREAD, "close");
  }

  private static SinkRecord record(long offset) {
    return new SinkRecord("otlp_spans", 0, null, null, null, Map.of(), offset);
  }

  /** Records each call with its thread; can be slow, hold a batch, or fail one. */
  private final class Recording extends SinkWriter {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final SinkWriterResult result = new SinkWriterResult(List.of(), Map.of());
    final CountDownLatch entered = new CountDownLatch(1);
    volatile boolean slow;
    volatile CountDownLatch hold;
    volatile long failOn = -1;

    Recording() {
      super(catalog, config);
    }

    @Override
    public void save(Collection<SinkRecord> records) {
      entered.countDown();
      try {
        if (hold != null) {
          hold.await();
        }
        if (slow) {
          Thread.sleep(100);
        }
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      for (SinkRecord record : records) {
        if (record.kafkaOffset() == failOn) {
          throw new DataException("Cannot write the rows of the record at offset " + failOn);
        }
      }
      calls.add("save " + String.join(",", records.stream()
          .map(r -> Long.toString(r.kafkaOffset())).toList())
          + " on " + Thread.currentThread().getName());
    }

    @Override
    public SinkWriterResult completeWrite() {
      calls.add("completeWrite on " + Thread.currentThread().getName());
      return result;
    }

    @Override
    public void close() {
      calls.add("close");
    }
  }
}
