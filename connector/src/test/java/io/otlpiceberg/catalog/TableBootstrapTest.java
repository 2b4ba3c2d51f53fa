package io.otlpiceberg.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otlpiceberg.tables.OtlpTable;
import java.util.Map;
import java.util.function.Function;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
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
  void missingTableWithCreationOffFailsNamingTableAndSetting() {
    assertThatThrownBy(() -> new TableBootstrap(catalog).ensureTables(IDS, false))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("telemetry.prod.traces")
        .hasMessageContaining("otlp.tables.create=true");
    assertThat(catalog.namespaceExists(NS)).isFalse();
  }

  /** The contract's schema with ids as a catalog assigns them on create. */
  private static Schema reassigned(OtlpTable t) {
    return org.apache.iceberg.types.TypeUtil.assignFreshIds(t.schema(), new java.util.concurrent.atomic.AtomicInteger()::incrementAndGet);
  }
}
