package io.otlpiceberg.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.otlpiceberg.tables.OtlpTable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** Adding the connector's columns while another task does the same. */
class SchemaEvolutionTest {

  @Test
  void aCommitThatLosesToAnotherTasksIsTriedAgainAndAddsNothingTwice() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("otel"));
    TableIdentifier id = TableIdentifier.of("otel", "logs");
    Schema current = OtlpTable.LOGS.schema();
    catalog.createTable(
        id, TypeUtil.selectNot(current, Set.of(current.findField("event_name").fieldId())));
    Types.StructType wanted = current.asStruct();

    // Between our reading the table and our commit, another task adds the column.
    Table real = catalog.loadTable(id);
    AtomicBoolean raced = new AtomicBoolean();
    Table racing =
        new BaseTable(((HasTableOperations) real).operations(), real.name()) {
          @Override
          public UpdateSchema updateSchema() {
            UpdateSchema ours = super.updateSchema();
            if (raced.compareAndSet(false, true)) {
              assertThat(SchemaEvolution.addMissingColumns(catalog.loadTable(id), wanted))
                  .containsExactly("event_name");
            }
            return ours;
          }
        };

    List<String> added = SchemaEvolution.addMissingColumns(racing, wanted);

    assertThat(raced).isTrue();
    assertThat(added).as("the other task added it").isEmpty();
    assertThat(catalog.loadTable(id).schema().columns())
        .extracting(Types.NestedField::name)
        .containsOnlyOnce("event_name")
        .hasSameSizeAs(current.columns());
  }
}
