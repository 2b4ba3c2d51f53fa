package io.otlpiceberg.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otlpiceberg.tables.OtlpTable;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the seven tables hold, read from the REST catalog: each table's current snapshot
 * ({@code GET /v1/namespaces/{ns}/tables/{table}}), its {@code total-records} and commit time.
 */
final class CatalogTables {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Rows per table (all seven, 0 for a table without a snapshot) and the last commit time. */
  record State(Map<String, Long> rows, long lastCommitMillis) {
    long total() {
      return rows.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final Stack stack;
  private final String namespace;

  CatalogTables(Stack stack, String namespace) {
    this.stack = stack;
    this.namespace = namespace;
  }

  State read() throws Exception {
    Map<String, Long> rows = new LinkedHashMap<>();
    long lastCommit = 0;
    for (OtlpTable table : OtlpTable.values()) {
      HttpResponse<String> r = stack.get(stack.catalogUri + "/v1/namespaces/" + namespace
          + "/tables/" + table.tableName());
      long count = 0;
      if (r.statusCode() == 200) {
        JsonNode metadata = JSON.readTree(r.body()).path("metadata");
        long current = metadata.path("current-snapshot-id").asLong(-1);
        for (JsonNode snapshot : metadata.path("snapshots")) {
          if (snapshot.path("snapshot-id").asLong() == current) {
            count = snapshot.path("summary").path("total-records").asLong(0);
            lastCommit = Math.max(lastCommit, snapshot.path("timestamp-ms").asLong(0));
          }
        }
      } else if (r.statusCode() != 404) {
        throw new java.io.IOException("REST catalog answered " + r.statusCode() + " for "
            + table.tableName() + ": " + r.body());
      }
      rows.put(table.tableName(), count);
    }
    return new State(rows, lastCommit);
  }

  static String json(Map<String, Long> rows) throws Exception {
    return JSON.writeValueAsString(rows);
  }
}
