package io.otlpiceberg.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otlpiceberg.tables.OtlpTable;
import java.util.Map;
import java.util.function.Function;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ServiceFailureException;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TableBootstrapTest {
  private static final Namespace NS = Namespace.of("telemetry", "prod");
  private static final Function<OtlpTable, TableIdentifier> IDS =
      t -> TableIdentifier.of(NS, t.tableName());

  private InMemoryCatalog catalog;

  @BeforeEach
  void newCatalog() {
    catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
  }

  @Test
  void createsNamespaceLevelsAndTheSevenTablesAsTheContractSays() {
    new TableBootstrap(catalog).ensureTables(IDS, true);

    assertThat(catalog.namespaceExists(Namespace.of("telemetry"))).isTrue();
    assertThat(catalog.listTables(NS)).hasSize(7);
    for (OtlpTable t : OtlpTable.values()) {
      Table table = catalog.loadTable(IDS.apply(t));
      assertThat(table.schema().asStruct()).isEqualTo(reassigned(t).asStruct());
      assertThat(table.spec().fields())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.transform().toString()).isEqualTo("day");
                assertThat(table.schema().findColumnName(f.sourceId())).isEqualTo("timestamp");
              });
      assertThat(table.sortOrder().fields())
          .extracting(f -> table.schema().findColumnName(f.sourceId()))
          .containsExactlyElementsOf(
              t.name().startsWith("METRICS")
                  ? java.util.List.of("service_name", "metric_name", "timestamp")
                  : java.util.List.of("service_name", "timestamp"));
      assertThat(table.properties())
          .containsEntry("write.format.default", "parquet")
          .containsEntry("write.parquet.compression-codec", "zstd");
      assertThat(
              ((org.apache.iceberg.HasTableOperations) table)
                  .operations()
                  .current()
                  .formatVersion())
          .isEqualTo(2);
    }
  }

  @Test
  void anExistingTableKeepsItsColumnsAndGetsTheConnectorsAfterThem() {
    catalog.createNamespace(NS);
    Schema custom =
        new Schema(
            Types.NestedField.optional(1, "service_name", Types.StringType.get()),
            Types.NestedField.optional(2, "extra", Types.StringType.get()));
    TableIdentifier logs = IDS.apply(OtlpTable.LOGS);
    catalog.createTable(logs, custom);

    new TableBootstrap(catalog).ensureTable(OtlpTable.LOGS, logs, false);
    assertThat(catalog.loadTable(logs).schema().asStruct())
        .as("with creation off: as it is")
        .isEqualTo(custom.asStruct());

    new TableBootstrap(catalog).ensureTables(IDS, true);
    Schema evolved = catalog.loadTable(logs).schema();
    assertThat(evolved.columns().subList(0, 2)).isEqualTo(custom.columns());
    assertThat(evolved.columns())
        .extracting(Types.NestedField::name)
        .containsExactlyElementsOf(
            java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("service_name", "extra"),
                    OtlpTable.LOGS.schema().columns().stream()
                        .map(Types.NestedField::name)
                        .filter(n -> !n.equals("service_name")))
                .toList());
    assertThat(catalog.listTables(NS)).hasSize(7);
  }

  /**
   * A table an earlier version made: columns missing at the top and inside a list of structs. They
   * are added, nothing that was there changes, and a second start adds nothing.
   */
  @Test
  void anOlderTableGetsTheColumnsItLacksAtEveryLevelOnlyOnce() {
    Schema current = OtlpTable.TRACES.schema();
    Schema older =
        TypeUtil.selectNot(
            current,
            java.util.Set.of(
                current.findField("dropped_links_count").fieldId(),
                current.findField("events.element.dropped_attributes_count").fieldId()));
    TableIdentifier traces = IDS.apply(OtlpTable.TRACES);
    catalog.createNamespace(NS);
    catalog.createTable(traces, older);
    Schema before = catalog.loadTable(traces).schema();

    new TableBootstrap(catalog).ensureTables(IDS, true);
    Schema after = catalog.loadTable(traces).schema();
    new TableBootstrap(catalog).ensureTables(IDS, true);

    assertThat(after.findField("dropped_links_count")).isNotNull();
    assertThat(after.findField("events.element.dropped_attributes_count")).isNotNull();
    assertThat(after.findField("dropped_links_count").isOptional()).isTrue();
    // Every field that was there keeps its id, name, place and (for values) type.
    TypeUtil.indexById(before.asStruct())
        .forEach(
            (id, field) -> {
              assertThat(after.findColumnName(id)).isEqualTo(before.findColumnName(id));
              if (field.type().isPrimitiveType()) {
                assertThat(after.findField(id)).isEqualTo(field);
              }
            });
    assertThat(after.columns().subList(0, before.columns().size()))
        .extracting(Types.NestedField::fieldId)
        .containsExactlyElementsOf(
            before.columns().stream().map(Types.NestedField::fieldId).toList());
    assertThat(TypeUtil.indexByName(after.asStruct()).keySet())
        .isEqualTo(TypeUtil.indexByName(reassigned(OtlpTable.TRACES).asStruct()).keySet());
    assertThat(catalog.loadTable(traces).schema().schemaId())
        .as("nothing added the second time")
        .isEqualTo(after.schemaId());
  }

  /** Tasks start together: each evolves the same old table; every column ends up there once. */
  @Test
  void tasksEvolvingTheSameTableAtOnceAddEachColumnOnce() throws Exception {
    Schema current = OtlpTable.LOGS.schema();
    Schema older =
        TypeUtil.selectNot(
            current,
            java.util.Set.of(
                current.findField("event_name").fieldId(), current.findField("flags").fieldId()));
    TableIdentifier logs = IDS.apply(OtlpTable.LOGS);
    catalog.createNamespace(NS);
    catalog.createTable(logs, older);
    java.util.concurrent.ExecutorService tasks =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.List<java.util.concurrent.Future<?>> started = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        started.add(tasks.submit(() -> new TableBootstrap(catalog).ensureTables(IDS, true)));
      }
      for (java.util.concurrent.Future<?> task : started) {
        task.get();
      }
    } finally {
      tasks.shutdownNow();
    }
    assertThat(catalog.loadTable(logs).schema().columns())
        .extracting(Types.NestedField::name)
        .containsOnlyOnce("event_name", "flags")
        .hasSameSizeAs(current.columns());
  }

  @Test
  void losingACreationRaceToAnotherTaskIsSuccess() {
    // Another task creates every table between our existence check and our create.
    InMemoryCatalog racing =
        new InMemoryCatalog() {
          @Override
          public boolean tableExists(TableIdentifier identifier) {
            return false;
          }
        };
    racing.initialize("racing", Map.of());
    new TableBootstrap(racing).ensureTables(IDS, true);

    new TableBootstrap(racing).ensureTables(IDS, true);

    assertThat(racing.listTables(NS)).hasSize(7);
  }

  @Test
  void aServerErrorForACreateAnotherTaskWonIsSuccess() {
    // The REST catalog on a JDBC store: the second of two concurrent inserts gets a 500.
    InMemoryCatalog racing =
        new InMemoryCatalog() {
          @Override
          public void createNamespace(Namespace namespace, Map<String, String> metadata) {
            super.createNamespace(namespace, metadata);
            throw new ServiceFailureException(
                "Server error: UncheckedSQLException: Failed to execute:"
                    + " INSERT INTO iceberg_namespace_properties");
          }

          @Override
          public TableBuilder buildTable(TableIdentifier identifier, Schema schema) {
            return new CreatedThenServerError(super.buildTable(identifier, schema));
          }
        };
    racing.initialize("racing", Map.of());

    new TableBootstrap(racing).ensureTables(IDS, true);

    assertThat(racing.listTables(NS)).hasSize(7);
  }

  @Test
  void aFailedCreateOfWhatStillDoesNotExistIsAnError() {
    InMemoryCatalog refusing =
        new InMemoryCatalog() {
          @Override
          public void createNamespace(Namespace namespace, Map<String, String> metadata) {
            throw new ServiceFailureException("Server error: disk full");
          }
        };
    refusing.initialize("refusing", Map.of());

    assertThatThrownBy(() -> new TableBootstrap(refusing).ensureTables(IDS, true))
        .isInstanceOf(ServiceFailureException.class)
        .hasMessageContaining("disk full");
  }

  @Test
  void missingNamespaceWithCreationOffFailsNamingNamespaceAndSetting() {
    assertThatThrownBy(() -> new TableBootstrap(catalog).ensureTables(IDS, false))
        .isInstanceOf(ConnectException.class)
        .hasMessageStartingWith("Namespace telemetry.prod does not exist in catalog")
        .hasMessageContaining("the Glue database")
        .hasMessageContaining("otlp.tables.create=true");
    assertThat(catalog.namespaceExists(NS)).isFalse();
  }

  @Test
  void missingTableInAnExistingNamespaceWithCreationOffFailsNamingTheTable() {
    catalog.createNamespace(Namespace.of("telemetry"));
    catalog.createNamespace(NS);
    assertThatThrownBy(() -> new TableBootstrap(catalog).ensureTables(IDS, false))
        .isInstanceOf(ConnectException.class)
        .hasMessageStartingWith("Table telemetry.prod.traces does not exist in catalog")
        .hasMessageContaining("otlp.tables.create=true");
    assertThat(catalog.listTables(NS)).isEmpty();
  }

  /** Creates the table, then answers as a catalog does that saw a concurrent insert fail. */
  private static final class CreatedThenServerError implements Catalog.TableBuilder {
    private final Catalog.TableBuilder created;

    CreatedThenServerError(Catalog.TableBuilder created) {
      this.created = created;
    }

    @Override
    public Table create() {
      created.create();
      throw new ServiceFailureException(
          "Server error: UncheckedSQLException: Failed to execute:"
              + " INSERT INTO iceberg_tables");
    }

    @Override
    public Catalog.TableBuilder withPartitionSpec(org.apache.iceberg.PartitionSpec spec) {
      created.withPartitionSpec(spec);
      return this;
    }

    @Override
    public Catalog.TableBuilder withSortOrder(org.apache.iceberg.SortOrder sortOrder) {
      created.withSortOrder(sortOrder);
      return this;
    }

    @Override
    public Catalog.TableBuilder withLocation(String location) {
      created.withLocation(location);
      return this;
    }

    @Override
    public Catalog.TableBuilder withProperties(Map<String, String> properties) {
      created.withProperties(properties);
      return this;
    }

    @Override
    public Catalog.TableBuilder withProperty(String key, String value) {
      created.withProperty(key, value);
      return this;
    }

    @Override
    public org.apache.iceberg.Transaction createTransaction() {
      throw new UnsupportedOperationException();
    }

    @Override
    public org.apache.iceberg.Transaction replaceTransaction() {
      throw new UnsupportedOperationException();
    }

    @Override
    public org.apache.iceberg.Transaction createOrReplaceTransaction() {
      throw new UnsupportedOperationException();
    }
  }

  /** The contract's schema with ids as a catalog assigns them on create. */
  private static Schema reassigned(OtlpTable t) {
    return org.apache.iceberg.types.TypeUtil.assignFreshIds(
        t.schema(), new java.util.concurrent.atomic.AtomicInteger()::incrementAndGet);
  }
}
