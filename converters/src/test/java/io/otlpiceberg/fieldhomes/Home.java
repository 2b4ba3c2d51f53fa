package io.otlpiceberg.fieldhomes;

import io.otlpiceberg.tables.OtlpTable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Where one OTLP field ends up in the tables, or why it ends up nowhere of its own. */
sealed interface Home {

  /**
   * A column holds the field. {@code path} is Iceberg's name for it ({@code events.element.name});
   * {@code {via}} stands for the name of the field that holds the message, for a message that is
   * held twice ({@code positive} and {@code negative} buckets). {@code alsoFeeds} are the columns
   * worked out from it too ({@code timestamp} from a time): no other column may change with it.
   */
  record Column(String path, Set<OtlpTable> tables, Set<String> alsoFeeds) implements Home {
    String path(String via) {
      return path.replace("{via}", via);
    }

    Column feeding(String... columns) {
      Set<String> more = new LinkedHashSet<>(alsoFeeds);
      more.addAll(List.of(columns));
      return new Column(path, tables, Set.copyOf(more));
    }
  }

  /**
   * Part of the value of the column that holds the message: attribute keys and values, and
   * AnyValues rendered as text. Such messages sit under many columns.
   */
  record InHolder(String how) implements Home {}

  /** A list whose elements become rows, one level of the fan-out from request to rows. */
  record FannedOut(String reason) implements Home {}

  /** A message whose own fields have homes; the field itself holds no value. */
  record Container(String reason) implements Home {}

  /** A member of a metric's {@code data} oneof: which table the metric's points go to. */
  record RowsIn(OtlpTable table) implements Home {}

  /** Deliberately not kept: setting it changes no row. */
  record NotStored(String reason) implements Home {}
}
