package io.otlpiceberg.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.RESTException;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class CoordinatorCatalogTest {
  private static final TableIdentifier TRACES = TableIdentifier.of("otel", "traces");

  /** An in-memory catalog that, when told, fails as Iceberg's HTTP client does with no server. */
  private static final class FlakyCatalog extends InMemoryCatalog {
    boolean down;

    @Override
    public Table loadTable(TableIdentifier identifier) {
      if (down) {
        throw new RESTException(
            new ConnectException("Connection refused"),
            "Error occurred while processing GET request");
      }
      return super.loadTable(identifier);
    }
  }

  private FlakyCatalog catalog() {
    FlakyCatalog catalog = new FlakyCatalog();
    catalog.initialize("iceberg", Map.of());
    catalog.createNamespace(Namespace.of("otel"));
    catalog.createTable(
        TRACES, new Schema(Types.NestedField.required(1, "id", Types.LongType.get())));
    return catalog;
  }

  @Test
  void anUnreachableCatalogReadsAsAFailedCommitTheCoordinatorTriesAgain() {
    FlakyCatalog flaky = catalog();
    CoordinatorCatalog coordinatorCatalog = new CoordinatorCatalog(flaky, CommitObserver.NONE);
    assertThat(coordinatorCatalog.loadTable(TRACES).name()).isEqualTo("iceberg.otel.traces");

    flaky.down = true;
    assertThatThrownBy(() -> coordinatorCatalog.loadTable(TRACES))
        .isInstanceOf(CommitFailedException.class)
        .hasMessageContaining("otel.traces")
        .hasMessageContaining("Connection refused")
        .hasCauseInstanceOf(RESTException.class);

    flaky.down = false;
    assertThat(coordinatorCatalog.loadTable(TRACES)).isNotNull();
  }

  @Test
  void otherErrorsPassUnchanged() {
    CoordinatorCatalog coordinatorCatalog = new CoordinatorCatalog(catalog(), CommitObserver.NONE);
    assertThatThrownBy(() -> coordinatorCatalog.loadTable(TableIdentifier.of("otel", "gone")))
        .isInstanceOf(NoSuchTableException.class);
  }
}
