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
      assertThat(table.spec().fields()).singleElement().satisfies(f -> {
        assertThat(f.transform().toString()).isEqualTo("day");
        assertThat(table.schema().findColumnName(f.sourceId())).isEqualTo("timestamp");
      });
      assertThat(table.sortOrder().fields())
          .extracting(f -> table.schema().findColumnName(f.sourceId()))
          .containsExactlyElementsOf(t.name().startsWith("METRICS")
              ? java.util.List.of("service_name", "metric_name", "timestamp")
              : java.util.List.of("service_name", "timestamp"));
      assertThat(table.properties())
          .containsEntry("write.format.default", "parquet")
          .containsEntry("write.parquet.compression-codec", "zstd");
      assertThat(((org.apache.iceberg.HasTableOperations) table).operations().current()
          .formatVersion()).isEqualTo(2);
    }
  }

  @Test
  void existingTableIsUsedAsItIs() {
    catalog.createNamespace(NS);
    Schema custom = new Schema(
        Types.NestedField.optional(1, "service_name", Types.StringType.get()),
        Types.NestedField.optional(2, "extra", Types.StringType.get()));
    catalog.createTable(IDS.apply(OtlpTable.LOGS), custom);

    new TableBootstrap(catalog).ensureTables(IDS, true);

    assertThat(catalog.loadTable(IDS.apply(OtlpTable.LOGS)).schema().asStruct())
        .isEqualTo(custom.asStruct());
    assertThat(catalog.listTables(NS)).hasSize(7);
  }

  @Test
  void losingACreationRaceToAnotherTaskIsSuccess() {
    // Another task creates every table between our existence check and our create.
    InMemoryCatalog racing = new InMemoryCatalog() {
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
    InMemoryCatalog racing = new InMemoryCatalog() {
      @Override
      public void createNamespace(Namespace namespace, Map<String, String> metadata) {
        super.createNamespace(namespace, metadata);
        throw new ServiceFailureException("Server error: UncheckedSQLException: Failed to execute:"
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
    InMemoryCatalog refusing = new InMemoryCatalog() {
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
      throw new ServiceFailureException("Server error: UncheckedSQLException: Failed to execute:"
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
    return org.apache.iceberg.types.TypeUtil.assignFreshIds(t.schema(), new java.util.concurrent.atomic.AtomicInteger()::incrementAndGet);
  }
}
