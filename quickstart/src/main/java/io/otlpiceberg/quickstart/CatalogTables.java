package io.otlpiceberg.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otlpiceberg.tables.OtlpTable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the seven tables hold, read from the REST catalog: each table's current snapshot ({@code GET
 * /v1/namespaces/{ns}/tables/{table}}), its {@code total-records} and commit time.
 */
final class CatalogTables {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Rows per table (all seven, 0 for a table without a snapshot) and the last commit time. */
  record State(Map<String, Long> rows, long lastCommitMillis) {
    long total() {
      return rows.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String catalogUri;
  private final String namespace;

  CatalogTables(String catalogUri, String namespace) {
    this.catalogUri = catalogUri;
    this.namespace = namespace;
  }

  State read() throws Exception {
    Map<String, Long> rows = new LinkedHashMap<>();
    long lastCommit = 0;
    for (OtlpTable table : OtlpTable.values()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          catalogUri
                              + "/v1/namespaces/"
                              + namespace
                              + "/tables/"
                              + table.tableName()))
                  .timeout(Duration.ofSeconds(10))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
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
        throw new java.io.IOException(
            "REST catalog answered "
                + r.statusCode()
                + " for "
                + table.tableName()
                + ": "
                + r.body());
      }
      rows.put(table.tableName(), count);
    }
    return new State(rows, lastCommit);
  }

  static String json(Map<String, Long> rows) throws Exception {
    return JSON.writeValueAsString(rows);
  }
}
