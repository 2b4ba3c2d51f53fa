package io.otlpiceberg.tables;

import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints the Spark SQL that gives tables created by an earlier version of the connector the write
 * properties this version creates them with ({@link OtlpTable#tableProperties()}). The connector
 * never changes the properties of a table it finds; this is for the operator who wants the faster
 * Parquet settings on an existing table. Only {@code write.*} properties are given: the format
 * version of an existing table is the operator's own decision.
 *
 * <pre>java -cp otlp-inspect.jar io.otlpiceberg.tables.TablePropertiesSql [NAMESPACE]</pre>
 */
public final class TablePropertiesSql {
  private TablePropertiesSql() {}

  public static void main(String[] args) {
    print(args.length > 0 ? args[0] : "otel", System.out);
  }

  static void print(String namespace, PrintStream out) {
    for (OtlpTable table : OtlpTable.values()) {
      out.println(statement(namespace, table));
    }
  }

  static String statement(String namespace, OtlpTable table) {
    return "ALTER TABLE "
        + namespace
        + "."
        + table.tableName()
        + " SET TBLPROPERTIES (\n"
        + writeProperties(table).entrySet().stream()
            .map(e -> "  '" + e.getKey() + "' = '" + e.getValue() + "'")
            .collect(Collectors.joining(",\n"))
        + ");";
  }

  static Map<String, String> writeProperties(OtlpTable table) {
    Map<String, String> properties = table.tableProperties();
    properties.keySet().removeIf(key -> !key.startsWith("write."));
    return properties;
  }
}
