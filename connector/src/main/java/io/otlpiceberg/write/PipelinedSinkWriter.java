package io.otlpiceberg.write;

import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.connect.IcebergSinkConfig;
import org.apache.iceberg.connect.data.SinkWriter;
import org.apache.iceberg.connect.data.SinkWriterResult;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each batch of records on a thread of its own, so that the task's thread polls Kafka and
 * decodes the next batch (Connect runs the converter there) while this one encodes Parquet. One
 * batch is in flight at most: the next {@link #save} waits for it, which bounds the memory to one
 * more batch of rows and keeps batches in order.
 *
 * <p>Nothing about commits changes: {@link #completeWrite} waits for the batch in flight before
 * it closes the files, so the files and offsets it hands to the commit cover exactly the records
 * given so far, as the writer it wraps would on one thread. A batch that fails fails the next
 * call, with the batch's own error (which names the record); no later batch is written.
 */
public class PipelinedSinkWriter extends SinkWriter {
  private static final Logger LOG = LoggerFactory.getLogger(PipelinedSinkWriter.class);

  private final SinkWriter writer;
  private final ExecutorService thread;
  private Future<?> inFlight;
  private RuntimeException failure;

  /**
   * @param writer the writer that does the work; called by one thread at a time
   * @param threadName e.g. {@code otlp-iceberg-writer-<connector>-<task>}
   */
  public PipelinedSinkWriter(
      Catalog catalog, IcebergSinkConfig config, SinkWriter writer, String threadName) {
    super(catalog, config);
    this.writer = writer;
    this.thread = Executors.newSingleThreadExecutor(runnable -> {
      Thread t = new Thread(runnable, threadName);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void save(Collection<SinkRecord> records) {
    awaitInFlight();
    inFlight = thread.submit(() -> writer.save(records));
  }

  @Override
  public SinkWriterResult completeWrite() {
    awaitInFlight();
    // The writer thread is idle and its writes happen-before this (Future.get).
    return writer.completeWrite();
  }

  /** Waits for the batch in flight, whatever its outcome, then closes the writer. */
  @Override
  public void close() {
    boolean interrupted = false;
    while (inFlight != null) {
      try {
        inFlight.get();
        inFlight = null;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        LOG.debug("The last batch failed before close; its files are deleted with the others", e);
        inFlight = null;
      }
    }
    thread.shutdown();
    writer.close();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitInFlight() {
    if (failure != null) {
      throw failure;
    }
    if (inFlight == null) {
      return;
    }
    try {
      inFlight.get();
      inFlight = null;
    } catch (InterruptedException e) {
      // The batch may still be running: it stays in flight, and close() waits for it.
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted while the previous batch was being written", e);
    } catch (ExecutionException e) {
      inFlight = null;
      Throwable cause = e.getCause();
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      failure = cause instanceof RuntimeException
          ? (RuntimeException) cause
          : new ConnectException("Writing a batch failed", cause);
      throw failure;
    }
  }
}
