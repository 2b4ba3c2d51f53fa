package io.otlpiceberg.stack;

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

/**
 * Iceberg's REST catalog server ({@code RESTCatalogServer}, what the apache/iceberg-rest-fixture
 * image runs) in a JVM of its own, over a JDBC catalog in a sqlite file (the in-memory default is
 * per connection) and by default a local {@code file:} warehouse. The sqlite file survives {@code
 * stop()} and {@code start()}: a test can take the catalog away and bring it back as it was.
 */
public final class RestCatalogServer extends ChildPart {
  private final StackRuntime runtime;
  private final Path dir;
  private final Path warehouse;
  private final Map<String, String> env;
  private final int port;

  private RestCatalogServer(Builder b) throws IOException {
    super("rest-catalog", b.logs != null ? b.logs : b.dir);
    this.runtime = b.runtime;
    this.dir = b.dir;
    this.port = Ports.preferred(b.port);
    Map<String, String> all = new HashMap<>();
    if (b.warehouseUri == null) {
      this.warehouse = b.warehouse != null ? b.warehouse : b.dir.resolve("warehouse");
      all.put("CATALOG_WAREHOUSE", warehouse.toUri().toString());
    } else {
      this.warehouse = null;
      all.put("CATALOG_WAREHOUSE", b.warehouseUri);
    }
    all.putAll(b.env);
    all.put("CATALOG_URI", "jdbc:sqlite:" + catalogFile(dir));
    all.put("CATALOG_REST_PORT", String.valueOf(port));
    this.env = Map.copyOf(all);
  }

  /**
   * The name Iceberg's REST catalog server gives the JDBC catalog behind it: the name its rows
   * carry in the sqlite file, which a JdbcCatalog reading that file must use.
   */
  public static final String BACKEND_CATALOG_NAME = "rest_backend";

  /** The sqlite file a server on {@code dir} keeps its catalog in. */
  public static Path catalogFile(Path dir) {
    return dir.resolve("catalog.sqlite");
  }

  public static Builder builder(StackRuntime runtime, Path dir) {
    return new Builder(runtime, dir);
  }

  /** How the catalog is set up; {@link #start()} starts it. */
  public static final class Builder {
    private final StackRuntime runtime;
    private final Path dir;
    private Path logs;
    private Path warehouse;
    private String warehouseUri;
    private int port;
    private final Map<String, String> env = new HashMap<>();

    private Builder(StackRuntime runtime, Path dir) {
      this.runtime = runtime;
      this.dir = dir;
    }

    public Builder preferredPort(int port) {
      this.port = port;
      return this;
    }

    public Builder logs(Path logs) {
      this.logs = logs;
      return this;
    }

    /** A local warehouse directory (default: {@code warehouse/} in the catalog's directory). */
    public Builder warehouse(Path warehouse) {
      this.warehouse = warehouse;
      return this;
    }

    /**
     * A warehouse elsewhere, e.g. {@code s3://bucket/warehouse}, with its FileIO and credentials in
     * {@link #env} ({@code CATALOG_IO__IMPL}, {@code CATALOG_S3_ENDPOINT}, ...).
     */
    public Builder warehouseUri(String uri) {
      this.warehouseUri = uri;
      return this;
    }

    /** Environment for the server: {@code CATALOG_*} catalog properties, AWS credentials. */
    public Builder env(Map<String, String> env) {
      this.env.putAll(env);
      return this;
    }

    /**
     * The part, not started: it may be closed (a no-op) before {@link RestCatalogServer#start()}.
     */
    public RestCatalogServer build() throws IOException {
      return new RestCatalogServer(this);
    }

    public RestCatalogServer start() throws Exception {
      return ChildPart.started(build());
    }
  }

  @Override
  protected ChildProcess launch(String name, Path log) throws Exception {
    Files.createDirectories(dir);
    if (warehouse != null) {
      Files.createDirectories(warehouse);
    }
    return ChildProcess.start(
        name,
        runtime.classpath(StackRuntime.REST_CATALOG),
        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
        "org.apache.iceberg.rest.RESTCatalogServer",
        List.of(),
        env,
        log);
  }

  /** Until {@code GET /v1/config} answers 200. */
  @Override
  protected void awaitReady(ChildProcess jvm) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Poll.until(
        "Iceberg REST catalog at " + uri(),
        Duration.ofSeconds(60),
        () -> {
          jvm.assertAlive();
          return http.send(
                  HttpRequest.newBuilder(URI.create(uri() + "/v1/config"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode();
        },
        status -> status == 200);
  }

  public String uri() {
    return "http://127.0.0.1:" + port;
  }

  /** The local warehouse directory; null for a warehouse given as a URI. */
  public Path warehouse() {
    return warehouse;
  }
}
