package io.otlpiceberg.sink;

import io.otlpiceberg.catalog.CatalogLoader;
import io.otlpiceberg.catalog.CatalogRefusal;
import io.otlpiceberg.catalog.TableBootstrap;
import io.otlpiceberg.config.OtlpSinkConfig;
import io.otlpiceberg.tables.OtlpTable;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.connect.IcebergSinkConfig;
import org.apache.iceberg.connect.IcebergSinkTask;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Iceberg sink task, fed one record per row: each decoded Kafka record is fanned out into its
 * rows, each routed to its table, before the Iceberg sink's worker writes them.
 */
public class OtlpIcebergSinkTask extends IcebergSinkTask {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpIcebergSinkTask.class);

  private RecordFanOut fanOut;

  @Override
  public String version() {
    return ConnectorVersion.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    Map<String, String> resolved = OtlpSinkConfig.resolve(props);
    OtlpSinkConfig config = new OtlpSinkConfig(resolved);
    ensureTables(config, new IcebergSinkConfig(resolved));

    Map<String, String> routeValues = new HashMap<>();
    for (OtlpTable table : OtlpTable.values()) {
      routeValues.put(table.tableName(), config.routeValue(table));
    }
    fanOut = new RecordFanOut(OtlpSinkConfig.ROUTE_FIELD, routeValues);
    super.start(resolved);
  }

  /** Before the first put: the sink, routing dynamically, would drop rows for a missing table. */
  private static void ensureTables(OtlpSinkConfig config, IcebergSinkConfig icebergConfig) {
    // A REST catalog already talks to its server while loading (GET /v1/config), so a refusal
    // can come from either step.
    Catalog catalog = null;
    try {
      catalog = CatalogLoader.load(icebergConfig);
      new TableBootstrap(catalog).ensureTables(config::identifier, config.createTables());
    } catch (ForbiddenException | NotAuthorizedException e) {
      throw CatalogRefusal.explain(e, icebergConfig.catalogProps());
    } finally {
      if (catalog instanceof AutoCloseable) {
        try {
          ((AutoCloseable) catalog).close();
        } catch (Exception e) {
          LOG.warn("Could not close the catalog used to create tables", e);
        }
      }
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    super.put(records.isEmpty() ? records : fanOut.fanOut(records));
  }
}
