package org.apache.iceberg.connect.channel;

import io.otlpiceberg.catalog.CommitObserver;
import io.otlpiceberg.catalog.CoordinatorCatalog;
import io.otlpiceberg.write.RoundAbandonedException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.connect.IcebergSinkConfig;
import org.apache.iceberg.connect.data.SinkWriter;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Iceberg sink's committer, unchanged in everything but where its worker writes: leader
 * election, the coordinator, the control-topic protocol and the seek back to the last committed
 * offsets are all {@link CommitterImpl}'s own. The one difference is the {@link SinkWriter} the
 * control-topic {@link Worker} writes through: {@code CommitterImpl} always builds the stock one,
 * which converts every value generically; this committer builds the worker with a writer the
 * connector supplies.
 *
 * <p>This class lives in the sink's package because {@link Worker} and {@link KafkaClientFactory}
 * are package-private; it uses nothing else of the package. The plugin ships exactly the
 * iceberg-kafka-connect release it is compiled against, in the same class loader, so a change of
 * those constructors shows up as a compile error on upgrade, never at run time.
 */
public class SuppliedWriterCommitter extends CommitterImpl {
  private static final Logger LOG = LoggerFactory.getLogger(SuppliedWriterCommitter.class);

  private final BiFunction<Catalog, IcebergSinkConfig, SinkWriter> writers;
  private final CommitObserver commits;

  private Catalog catalog;
  private IcebergSinkConfig config;
  private SinkTaskContext context;
  private KafkaClientFactory clientFactory;
  private Worker worker;

  /**
   * @param writers makes the writer for each new worker (one per partition assignment)
   * @param commits told of each table commit, where this task runs the coordinator
   */
  public SuppliedWriterCommitter(
      BiFunction<Catalog, IcebergSinkConfig, SinkWriter> writers, CommitObserver commits) {
    this.writers = writers;
    this.commits = commits;
  }

  @Override
  public void open(
      Catalog icebergCatalog,
      IcebergSinkConfig icebergSinkConfig,
      SinkTaskContext sinkTaskContext,
      Collection<TopicPartition> addedPartitions) {
    if (clientFactory == null) {
      this.catalog = icebergCatalog;
      this.config = icebergSinkConfig;
      this.context = sinkTaskContext;
      this.clientFactory = new KafkaClientFactory(icebergSinkConfig.kafkaProps());
    }
    // The coordinator's catalog: an unreachable catalog fails one round, not the task.
    super.open(
        new CoordinatorCatalog(icebergCatalog, commits),
        icebergSinkConfig,
        sinkTaskContext,
        addedPartitions);
  }

  /** As {@code CommitterImpl}: the worker stops first, so no file outlives its assignment. */
  @Override
  public void close(Collection<TopicPartition> closedPartitions) {
    stopWorker();
    super.close(closedPartitions);
  }

  /**
   * The same steps in the same order as {@code CommitterImpl.save}: write, check the coordinator is
   * alive (the superclass, whose own worker is never started), then answer control events.
   *
   * <p>One difference: the worker starts as soon as the task owns partitions, not at its first
   * record. The worker is the task's side of every commit round and answers for all the task's
   * partitions, records or none; {@code CommitterImpl} starts it at the first record, so a task
   * whose partitions are idle never answered, and every round waited out {@code
   * iceberg.control.commit.timeout-ms} and then committed without it (apache/iceberg#17811).
   * Connect calls {@code put} with no records on every idle poll, and a cooperative rebalance that
   * only revokes partitions closes the worker without a new {@code open}; both come through here.
   */
  @Override
  public void save(Collection<SinkRecord> sinkRecords) {
    boolean hasRecords = sinkRecords != null && !sinkRecords.isEmpty();
    if (worker == null && context != null && (hasRecords || !context.assignment().isEmpty())) {
      startWorker();
    }
    try {
      if (hasRecords) {
        worker.save(sinkRecords);
      }
      super.save(null);
      if (worker != null) {
        worker.process();
      }
    } catch (RoundAbandonedException e) {
      rewind(e, hasRecords ? sinkRecords : List.of());
    }
  }

  /**
   * What a rebalance does to a worker, for one task: the worker stops and its writer deletes the
   * files it had not handed over; the task reads those records again, and a new worker writes them.
   * The round in progress gets no answer from this task and commits without it once {@code
   * iceberg.control.commit.timeout-ms} has passed.
   */
  private void rewind(RoundAbandonedException e, Collection<SinkRecord> batch) {
    LOG.warn(
        "Commit worker {}-{}: {}",
        config.connectorName(),
        config.taskId(),
        e.getMessage(),
        e.getCause());
    stopWorker();
    // The batch's records past a write that failed were never written, and the consumer is
    // past them too.
    Map<TopicPartition, Long> rewindTo = new HashMap<>(e.rewindTo());
    for (SinkRecord record : batch) {
      rewindTo.putIfAbsent(
          new TopicPartition(record.originalTopic(), record.originalKafkaPartition()),
          record.originalKafkaOffset());
    }
    context.offset(rewindTo);
  }

  private void startWorker() {
    if (worker == null) {
      LOG.info("Starting commit worker {}-{}", config.connectorName(), config.taskId());
      worker = new Worker(config, clientFactory, writers.apply(catalog, config), context);
      worker.start();
    }
  }

  private void stopWorker() {
    if (worker != null) {
      worker.stop();
      worker = null;
    }
  }
}
