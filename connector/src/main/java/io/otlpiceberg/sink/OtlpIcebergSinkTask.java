package io.otlpiceberg.sink;

import io.otlpiceberg.catalog.CatalogLoader;
import io.otlpiceberg.catalog.CatalogRefusal;
import io.otlpiceberg.catalog.CatalogStartup;
import io.otlpiceberg.catalog.CommitObserver;
import io.otlpiceberg.catalog.TableBootstrap;
import io.otlpiceberg.config.OtlpSinkConfig;
import io.otlpiceberg.converter.PluginVersion;
import io.otlpiceberg.events.CommitEventPublisher;
import io.otlpiceberg.metrics.TaskMetrics;
import io.otlpiceberg.tables.OtlpTable;
import io.otlpiceberg.write.OtlpSinkWriter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.EnvironmentContext;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.connect.Committer;
import org.apache.iceberg.connect.IcebergSinkConfig;
import org.apache.iceberg.connect.channel.SuppliedWriterCommitter;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink task: the Iceberg sink's task, step for step ({@code IcebergSinkTask} delegates every
 * call to its committer, and so does this one), with two additions. Before anything is written it
 * makes sure the seven tables exist; and its committer's worker writes the converter's rows with
 * {@link OtlpSinkWriter} instead of the sink's generic writer. Commits, offsets and the
 * exactly-once protocol are the Iceberg sink's own.
 */
public class OtlpIcebergSinkTask extends SinkTask {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpIcebergSinkTask.class);

  private IcebergSinkConfig config;
  private Catalog catalog;
  private Committer committer;
  private TaskMetrics metrics;
  private CommitEventPublisher events;

  @Override
  public String version() {
    return PluginVersion.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    EnvironmentContext.put(EnvironmentContext.ENGINE_NAME, "kafka-connect");
    EnvironmentContext.put(EnvironmentContext.ENGINE_VERSION, AppInfoParser.getVersion());
    Map<String, String> resolved = OtlpSinkConfig.resolve(props);
    OtlpSinkConfig otlpConfig = new OtlpSinkConfig(resolved);
    config = new IcebergSinkConfig(resolved);
    // Before the first record: the converter finds them at its first (TaskMetrics).
    metrics = TaskMetrics.register(config.connectorName(), config.taskId());
    try {
      if (otlpConfig.commitEventsTopic() != null) {
        events =
            CommitEventPublisher.open(
                otlpConfig.commitEventsTopic(),
                config.kafkaProps(),
                config.connectorName(),
                config.taskId(),
                metrics);
      }
      startCommitter(otlpConfig);
    } catch (RuntimeException e) {
      closeEvents();
      metrics.close();
      throw e;
    }
  }

  private void startCommitter(OtlpSinkConfig otlpConfig) {
    // A REST catalog already talks to its server while loading (GET /v1/config), so a refusal
    // can come from either step; GlueCatalog is refused at the first table lookup.
    try {
      catalog =
          CatalogStartup.open(
              () -> openCatalog(otlpConfig),
              config.catalogProps().getOrDefault("uri", config.catalogName()),
              otlpConfig.catalogStartupTimeout());
    } catch (RuntimeException e) {
      throw CatalogRefusal.isRefusal(e) ? CatalogRefusal.explain(e, config.catalogProps()) : e;
    }
    CommitObserver counted =
        commit -> {
          OtlpTable committed = otlpConfig.tableAt(commit.table());
          if (committed != null) {
            metrics.committed(committed, commit.addedRows(), System.currentTimeMillis());
          }
        };
    committer =
        new SuppliedWriterCommitter(
            (writerCatalog, writerConfig) ->
                new OtlpSinkWriter(
                    writerCatalog,
                    writerConfig,
                    otlpConfig::identifier,
                    otlpConfig.createTables(),
                    otlpConfig.promotions(),
                    metrics),
            events == null ? counted : counted.andThen(events));
  }

  /** One attempt: the catalog loaded and the tables there; nothing left open if it fails. */
  private Catalog openCatalog(OtlpSinkConfig otlpConfig) {
    Catalog loaded = CatalogLoader.load(config);
    try {
      // Before the first put: a table missing later is an error, not a place to drop rows.
      new TableBootstrap(loaded, otlpConfig.promotions())
          .ensureTables(otlpConfig::identifier, otlpConfig.createTables());
      return loaded;
    } catch (RuntimeException e) {
      close(loaded);
      throw e;
    }
  }

  @Override
  public void open(Collection<TopicPartition> partitions) {
    committer.open(catalog, config, context, partitions);
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    committer.close(partitions);
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    if (committer != null) {
      committer.save(records);
    }
  }

  /** Gives the committer its turn to answer commit requests when no records come. */
  @Override
  public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    if (committer != null) {
      committer.save(null);
    }
  }

  /** Offsets are committed by the sink's worker, with the data files, in one transaction. */
  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    return Map.of();
  }

  @Override
  public void stop() {
    if (committer != null) {
      committer.close(List.of());
      committer = null;
    }
    closeCatalog();
    // After the committer: its coordinator may have just committed, and the event is in flight.
    closeEvents();
    if (metrics != null) {
      metrics.close();
      metrics = null;
    }
  }

  private void closeEvents() {
    if (events != null) {
      events.close();
      events = null;
    }
  }

  private void closeCatalog() {
    close(catalog);
    catalog = null;
  }

  private static void close(Catalog catalog) {
    if (catalog instanceof AutoCloseable) {
      try {
        ((AutoCloseable) catalog).close();
      } catch (Exception e) {
        LOG.warn("Could not close the catalog", e);
      }
    }
  }
}
