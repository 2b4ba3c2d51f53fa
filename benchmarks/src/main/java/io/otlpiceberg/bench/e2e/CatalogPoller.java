package io.otlpiceberg.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otlpiceberg.tables.OtlpTable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The seven tables as the REST catalog serves them ({@code GET /v1/namespaces/NS/tables/T}): the
 * current snapshot's {@code total-records} per table, and every snapshot's commit time and {@code
 * total-records} for the latency run.
 */
final class CatalogPoller {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One snapshot: its timestamp-ms and the table's total-records after it. */
  record Snapshot(long timestampMs, long totalRecords) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String catalogUri;
  private final String namespace;

  CatalogPoller(String catalogUri, String namespace) {
    this.catalogUri = catalogUri;
    this.namespace = namespace;
  }

  private JsonNode metadata(OtlpTable table) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        catalogUri
                            + "/v1/namespaces/"
                            + namespace
                            + "/tables/"
                            + table.tableName()))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 404) {
      return null;
    }
    if (r.statusCode() != 200) {
      throw new IOException(
          "REST catalog answered "
              + r.statusCode()
              + " for "
              + table.tableName()
              + ": "
              + r.body());
    }
    return JSON.readTree(r.body()).path("metadata");
  }

  /** POST /v1/namespaces for the namespace; a 409 (it exists) is fine. */
  void createNamespace() throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(catalogUri + "/v1/namespaces"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(
                    HttpRequest.BodyPublishers.ofString("{\"namespace\":[\"" + namespace + "\"]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200 && r.statusCode() != 409) {
      throw new IOException(
          "Creating namespace " + namespace + ": " + r.statusCode() + " " + r.body());
    }
  }

  /** Current total-records per table (OtlpTable ordinal), 0 without a table or snapshot. */
  long[] totals() throws IOException, InterruptedException {
    long[] totals = new long[InputSet.TABLES.length];
    for (OtlpTable t : InputSet.TABLES) {
      JsonNode md = metadata(t);
      if (md == null) {
        continue;
      }
      long current = md.path("current-snapshot-id").asLong(-1);
      for (JsonNode s : md.path("snapshots")) {
        if (s.path("snapshot-id").asLong() == current) {
          totals[t.ordinal()] = s.path("summary").path("total-records").asLong(0);
        }
      }
    }
    return totals;
  }

  /** Every snapshot of each table, in commit order (sequence number). */
  List<List<Snapshot>> history() throws IOException, InterruptedException {
    List<List<Snapshot>> all = new ArrayList<>();
    for (OtlpTable t : InputSet.TABLES) {
      List<Snapshot> list = new ArrayList<>();
      JsonNode md = metadata(t);
      if (md != null) {
        List<JsonNode> snaps = new ArrayList<>();
        md.path("snapshots").forEach(snaps::add);
        snaps.sort(
            java.util.Comparator.comparingLong((JsonNode s) -> s.path("sequence-number").asLong())
                .thenComparingLong(s -> s.path("timestamp-ms").asLong()));
        for (JsonNode s : snaps) {
          list.add(
              new Snapshot(
                  s.path("timestamp-ms").asLong(),
                  s.path("summary").path("total-records").asLong(0)));
        }
      }
      all.add(list);
    }
    return all;
  }

  /** Snapshots in all tables together. */
  int snapshotCount() throws IOException, InterruptedException {
    return history().stream().mapToInt(List::size).sum();
  }
}
