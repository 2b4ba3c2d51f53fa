package io.otlpiceberg.readers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trino's client protocol over the JDK's HTTP client, as the CLI and JDBC driver speak it: POST the
 * statement, follow {@code nextUri} until the query finishes, collecting {@code data}; a query
 * error comes back in {@code error}. Cells are converted by the column's Trino type.
 */
final class TrinoClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIMESTAMP_TZ =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS] VV");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI server;

  TrinoClient(URI server) {
    this.server = server;
  }

  /** Runs {@code sql} in a session whose time zone is UTC, like README's Spark session. */
  Answer query(String sql) {
    try {
      JsonNode page =
          send(
              HttpRequest.newBuilder(server.resolve("/v1/statement"))
                  .POST(HttpRequest.BodyPublishers.ofString(sql)));
      List<String> columns = new ArrayList<>();
      List<String> types = new ArrayList<>();
      List<List<Object>> rows = new ArrayList<>();
      while (true) {
        if (page.has("error")) {
          JsonNode error = page.get("error");
          throw new IllegalStateException(
              "Trino: " + error.path("errorName").asText() + ": " + error.path("message").asText());
        }
        if (columns.isEmpty() && page.has("columns")) {
          for (JsonNode c : page.get("columns")) {
            columns.add(c.get("name").asText());
            types.add(c.get("type").asText());
          }
        }
        for (JsonNode row : page.path("data")) {
          List<Object> cells = new ArrayList<>();
          for (int i = 0; i < row.size(); i++) {
            cells.add(cell(types.get(i), row.get(i)));
          }
          rows.add(cells);
        }
        if (!page.hasNonNull("nextUri")) {
          return new Answer(columns, rows);
        }
        page = send(HttpRequest.newBuilder(URI.create(page.get("nextUri").asText())).GET());
      }
    } catch (IOException e) {
      throw new IllegalStateException("Trino at " + server + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            request
                .header("X-Trino-User", "readme")
                .header("X-Trino-Time-Zone", "UTC")
                .timeout(Duration.ofMinutes(2))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  static Object cell(String type, JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (type.equals("bigint")
        || type.equals("integer")
        || type.equals("smallint")
        || type.equals("tinyint")) {
      return value.asLong();
    }
    if (type.equals("double") || type.equals("real") || type.startsWith("decimal")) {
      return value.isNumber() ? value.asDouble() : Double.valueOf(value.asText());
    }
    if (type.startsWith("timestamp") && type.endsWith("with time zone")) {
      return ZonedDateTime.parse(value.asText(), TIMESTAMP_TZ).toInstant();
    }
    if (type.startsWith("map")) {
      Map<String, String> map = new LinkedHashMap<>();
      value
          .fields()
          .forEachRemaining(
              e -> map.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
      return map;
    }
    if (type.equals("boolean")) {
      return value.asBoolean();
    }
    return value.isTextual() ? value.asText() : value.toString();
  }
}
