package io.otlpiceberg.fieldhomes;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.otlpiceberg.decode.OtlpDecodeException;
import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.fieldhomes.ExportRequests.Encoding;
import io.otlpiceberg.rows.TableRows;
import io.otlpiceberg.tables.OtlpTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a field's home against the converter: at every path to the field, in both encodings, the
 * request with the field set and the same request without it are turned into rows. The column named
 * must exist in the table and hold a different value, and no column changes but it and those said
 * to be worked out from it; a field not stored must change no column. Says what is wrong, in words
 * an engineer can act on, and goes on to the next path instead of stopping.
 */
final class HomeProof {
  private final FieldHomes homes;
  private final PathRequests requests;
  private final List<FieldDescriptor> metricKinds = new ArrayList<>();

  HomeProof(FieldHomes homes) {
    this.homes = homes;
    this.requests = new PathRequests(homes);
    for (FieldDescriptor field : Metric.getDescriptor().getFields()) {
      if (homes.of(field.getFullName()) instanceof Home.RowsIn) {
        metricKinds.add(field);
      }
    }
  }

  /** What is wrong with the home of {@code field}, reached by {@code paths}; empty if nothing. */
  List<String> problems(String field, List<FieldPath> paths) {
    Home home = homes.of(field);
    List<String> problems = new ArrayList<>();
    if (!(home instanceof Home.Column
        || home instanceof Home.InHolder
        || home instanceof Home.NotStored)) {
      // Structural: what it holds is proved field by field, and every path through a metric's
      // kind (RowsIn) must give its one row in that kind's table.
      return problems;
    }
    Set<OtlpTable> reached = EnumSet.noneOf(OtlpTable.class);
    for (FieldPath path : paths) {
      for (FieldDescriptor kind : kindsFor(path)) {
        OtlpTable table = tableOf(path, kind);
        for (Encoding encoding : Encoding.values()) {
          String problem = check(field, home, path, kind, table, encoding);
          if (problem != null) {
            problems.add(problem);
          }
        }
        reached.add(table);
      }
    }
    if (home instanceof Home.Column column && !reached.equals(column.tables())) {
      problems.add(
          String.format(
              "%s lands in %s, but FieldHomes says %s: correct the tables of its message there",
              field, names(reached), names(column.tables())));
    }
    return problems;
  }

  private String check(
      String field,
      Home home,
      FieldPath path,
      FieldDescriptor kind,
      OtlpTable table,
      Encoding encoding) {
    String where =
        String.format("%s (%s, %s)", field, path, encoding.name().toLowerCase(Locale.ROOT));
    TableRows unset;
    TableRows set;
    try {
      unset = rows(path, false, kind, encoding);
      set = rows(path, true, kind, encoding);
    } catch (OtlpDecodeException e) {
      return where + ": the converter refused the request: " + e.getMessage();
    }
    for (TableRows rows : List.of(unset, set)) {
      if (rows.count() != 1 || rows.rows(table).size() != 1) {
        return where + ": expected one row, in " + table.tableName() + ", got " + rows.asMap();
      }
    }
    if (home instanceof Home.NotStored) {
      List<String> changed = ColumnValues.changed(table, unset, set);
      return changed.isEmpty()
          ? null
          : where
              + ": FieldHomes says it is not stored, but setting it changed "
              + table.tableName()
              + " "
              + changed
              + ". Give it its column in FieldHomes, and take it off README's list of what is"
              + " not stored";
    }
    Target target = targetOf(home, path);
    if (target == null) {
      return where + ": no field above it has a column to hold it";
    }
    String column = target.column();
    if (table.schema().findField(column) == null) {
      return where
          + ": FieldHomes names column "
          + column
          + ", which "
          + table.tableName()
          + " does not have (it has "
          + ColumnValues.paths(table)
          + ")";
    }
    List<Object> before = ColumnValues.of(unset.rows(table), column);
    List<Object> after = ColumnValues.of(set.rows(table), column);
    if (Objects.equals(before, after)) {
      return where
          + ": setting it left "
          + table.tableName()
          + "."
          + column
          + " at "
          + before
          + ". Either the converter drops it (fix the row builder) or it lands elsewhere"
          + " (fix FieldHomes)";
    }
    List<String> strays = ColumnValues.changed(table, unset, set);
    strays.removeIf(target::allows);
    return strays.isEmpty()
        ? null
        : where
            + ": setting it also changed "
            + table.tableName()
            + " "
            + strays
            + ". If they are worked out from it, add .alsoFeeds(...) to its entry in FieldHomes;"
            + " if not, the row builder writes it to the wrong column";
  }

  /** The column a field must change, and the columns worked out from it that may change too. */
  private record Target(String column, Set<String> alsoFeeds) {
    /** Whether a change to this column, or to anything inside it, is accounted for. */
    boolean allows(String changed) {
      return Stream.concat(Stream.of(column), alsoFeeds.stream())
          .anyMatch(path -> changed.equals(path) || changed.startsWith(path + "."));
    }
  }

  /**
   * The field's own column, or for a part of a value the column of the nearest field above it that
   * has one.
   */
  private Target targetOf(Home home, FieldPath path) {
    List<FieldDescriptor> fields = path.fields();
    for (int i = fields.size() - 1; i >= 0; i--) {
      Home at = i == fields.size() - 1 ? home : homes.of(fields.get(i).getFullName());
      if (at instanceof Home.Column column) {
        return new Target(column.path(path.via(i)), column.alsoFeeds());
      }
      if (!(at instanceof Home.InHolder)) {
        return null;
      }
    }
    return null;
  }

  private TableRows rows(FieldPath path, boolean leafSet, FieldDescriptor kind, Encoding encoding)
      throws OtlpDecodeException {
    Message request = requests.request(path, leafSet, kind);
    return ExportRequests.rows(path.signal(), request, encoding);
  }

  /** A metric path that chooses no kind is checked under each; other paths once. */
  private List<FieldDescriptor> kindsFor(FieldPath path) {
    if (path.signal() != Signal.METRICS || kindOn(path) != null) {
      return Collections.singletonList(kindOn(path));
    }
    return metricKinds;
  }

  private FieldDescriptor kindOn(FieldPath path) {
    for (FieldDescriptor field : path.fields()) {
      if (homes.of(field.getFullName()) instanceof Home.RowsIn) {
        return field;
      }
    }
    return null;
  }

  private OtlpTable tableOf(FieldPath path, FieldDescriptor kind) {
    switch (path.signal()) {
      case TRACES:
        return OtlpTable.TRACES;
      case LOGS:
        return OtlpTable.LOGS;
      default:
        return ((Home.RowsIn) homes.of(kind.getFullName())).table();
    }
  }

  private static List<String> names(Set<OtlpTable> tables) {
    return tables.stream().map(OtlpTable::tableName).toList();
  }
}
