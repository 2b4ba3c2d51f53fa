package io.otlpiceberg.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.rest.RESTCatalog;

/**
 * Iceberg's REST catalog server in a JVM of its own, over a sqlite file (the in-memory default is
 * per connection) and a local file: warehouse, on a free loopback port.
 */
final class RestCatalogServer implements AutoCloseable {
  private final ChildJvm jvm;
  private final String uri;
  private final Path warehouse;

  private RestCatalogServer(ChildJvm jvm, String uri, Path warehouse) {
    this.jvm = jvm;
    this.uri = uri;
    this.warehouse = warehouse;
  }

  static RestCatalogServer start(Path dir) throws Exception {
    Path warehouse = dir.resolve("warehouse");
    Files.createDirectories(warehouse);
    return start(dir, Map.of("CATALOG_WAREHOUSE", warehouse.toUri().toString()), warehouse);
  }

  /**
   * A server whose warehouse and FileIO come from {@code env} (e.g. an s3:// warehouse with
   * CATALOG_IO__IMPL, CATALOG_S3_ENDPOINT and AWS credentials).
   */
  static RestCatalogServer start(Path dir, Map<String, String> env, Path warehouse)
      throws Exception {
    Files.createDirectories(dir);
    int port = ItEnv.freePort();
    Map<String, String> all = new HashMap<>(env);
    all.put("CATALOG_URI", "jdbc:sqlite:" + dir.resolve("catalog.sqlite"));
    all.put("CATALOG_REST_PORT", String.valueOf(port));
    ChildJvm jvm = ChildJvm.start("rest-catalog", ItEnv.classpath("rest-catalog"),
        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
        "org.apache.iceberg.rest.RESTCatalogServer", List.of(), all,
        dir.resolve("rest-catalog.log"));
    String uri = "http://127.0.0.1:" + port;
    RestCatalogServer server = new RestCatalogServer(jvm, uri, warehouse);
    HttpClient http = HttpClient.newHttpClient();
    Poll.until("REST catalog at " + uri, Duration.ofSeconds(60), () -> {
      jvm.assertAlive();
      return http.send(HttpRequest.newBuilder(URI.create(uri + "/v1/config")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode();
    }, status -> status == 200);
    return server;
  }

  String uri() {
    return uri;
  }

  Path warehouse() {
    return warehouse;
  }

  /** A catalog client for the test JVM, reading what the connector wrote. */
  RESTCatalog client() {
    return client(Map.of());
  }

  /** A client with extra catalog properties (e.g. the S3 endpoint and credentials). */
  RESTCatalog client(Map<String, String> properties) {
    Map<String, String> all = new HashMap<>(properties);
    all.put("type", "rest");
    all.put("uri", uri);
    return (RESTCatalog) CatalogUtil.buildIcebergCatalog("it", all, new Configuration());
  }

  @Override
  public void close() throws InterruptedException {
    jvm.stop();
  }

}
