package io.otlpiceberg.readers;

import io.otlpiceberg.stack.ChildProcess;
import io.otlpiceberg.stack.Poll;
import io.otlpiceberg.stack.Ports;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A one-node Trino (coordinator and worker in one process) whose catalog {@code iceberg} reads the
 * quickstart's tables: an Iceberg JDBC catalog on the sqlite file behind its REST catalog, and
 * Trino's native local file system over its {@code file:} warehouse. The server is laid out by the
 * build (this module's pom) and runs on a JDK of its own: Trino 476 needs Java 24 or later.
 */
final class TrinoServer implements AutoCloseable {
  private static final int REQUIRED_JAVA = 24;

  private final ChildProcess process;
  private final TrinoClient client;

  private TrinoServer(ChildProcess process, TrinoClient client) {
    this.process = process;
    this.client = client;
  }

  static TrinoServer start(WrittenTables tables, Path workDir) throws Exception {
    Path home = Path.of(System.getProperty("otlp.trino.home", "target/trino-server"));
    if (!Files.isDirectory(home.resolve("lib")) || !Files.isDirectory(home.resolve("plugin"))) {
      throw new IllegalStateException(
          "No Trino server at "
              + home
              + ": the readers module's build lays it out (mvn verify, not the IDE alone)");
    }
    Path etc = workDir.resolve("trino-etc");
    int port = Ports.free();
    Files.createDirectories(etc.resolve("catalog"));
    Files.writeString(
        etc.resolve("config.properties"),
        String.join(
            "\n",
            "coordinator=true",
            "node-scheduler.include-coordinator=true",
            "http-server.http.port=" + port,
            "discovery.uri=http://127.0.0.1:" + port,
            "node.internal-address=127.0.0.1",
            "query.max-memory=256MB",
            "query.max-memory-per-node=256MB",
            // Its request log would go to var/log under the test's working directory.
            "http-server.log.enabled=false",
            ""));
    Files.writeString(etc.resolve("log.properties"), "io.trino=WARN\n");
    Files.writeString(
        etc.resolve("catalog/iceberg.properties"),
        String.join(
            "\n",
            "connector.name=iceberg",
            "iceberg.catalog.type=jdbc",
            // The rows of the sqlite file carry the REST catalog's backend name.
            "iceberg.jdbc-catalog.catalog-name=" + WrittenTables.catalogName(),
            "iceberg.jdbc-catalog.driver-class=org.sqlite.JDBC",
            "iceberg.jdbc-catalog.connection-url=jdbc:sqlite:" + tables.catalogFile(),
            "iceberg.jdbc-catalog.default-warehouse-dir=" + tables.warehouse().toUri(),
            "fs.native-local.enabled=true",
            "local.location=/",
            ""));
    List<String> command =
        List.of(
            java().toString(),
            "-cp",
            home.resolve("lib") + "/*",
            "-Xmx1G",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:+EnableDynamicAgentLoading",
            "-Djdk.attach.allowAttachSelf=true",
            "--enable-native-access=ALL-UNNAMED",
            "-Dfile.encoding=UTF-8",
            "-Dnode.environment=test",
            "-Dnode.id=readme-queries",
            "-Dnode.data-dir=" + workDir.resolve("trino-data"),
            "-Dplugin.dir=" + home.resolve("plugin"),
            "-Dcatalog.config-dir=" + etc.resolve("catalog"),
            "-Dconfig=" + etc.resolve("config.properties"),
            "-Dlog.levels-file=" + etc.resolve("log.properties"),
            "io.trino.server.TrinoServer");
    ChildProcess.killChildrenOnExit();
    ChildProcess process =
        ChildProcess.run("trino", command, Map.of(), workDir.resolve("logs/trino.log"));
    TrinoClient client = new TrinoClient(URI.create("http://127.0.0.1:" + port));
    try {
      // Until it has loaded its plugins a query is refused as "still initializing", and until
      // the node has announced itself a scan finds "no nodes available": so the readiness
      // check is a scan, which also shows that the catalog sees the connector's rows.
      Poll.until(
          "Trino to count the traces",
          Duration.ofSeconds(120),
          () -> {
            process.assertAlive();
            return client.query("SELECT count(*) FROM iceberg.otel.traces").rows().get(0).get(0);
          },
          count -> count.equals(tables.tracesRows()));
    } catch (RuntimeException | InterruptedException e) {
      process.kill();
      throw new IllegalStateException(
          e.getMessage() + "\nTrino's log " + process.log() + ":\n" + process.tail(), e);
    }
    return new TrinoServer(process, client);
  }

  Answer query(String sql) {
    return client.query(sql);
  }

  @Override
  public void close() {
    process.stop();
  }

  /**
   * The JDK Trino runs on: {@code otlp.trino.java} (a {@code java} executable) if set, else the
   * newest JDK of at least Java 24 under {@code /usr/lib/jvm}.
   */
  private static Path java() throws IOException {
    String chosen = System.getProperty("otlp.trino.java", "");
    if (!chosen.isBlank()) {
      return Path.of(chosen);
    }
    Path jvms = Path.of("/usr/lib/jvm");
    Optional<Path> found = Optional.empty();
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> homes = Files.list(jvms)) {
        found =
            homes
                .filter(h -> featureVersion(h) >= REQUIRED_JAVA)
                .max(Comparator.comparingInt(TrinoServer::featureVersion))
                .map(h -> h.resolve("bin/java"));
      }
    }
    return found.orElseThrow(
        () ->
            new IllegalStateException(
                "Trino 476 needs Java "
                    + REQUIRED_JAVA
                    + " or later and none is under "
                    + jvms
                    + ": install one there or pass -Dotlp.trino.java=/path/to/bin/java"));
  }

  /** The JDK's major version from its {@code release} file; 0 when it is not a JDK. */
  private static int featureVersion(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
      return 0;
    }
    try {
      for (String line : Files.readAllLines(release)) {
        if (line.startsWith("JAVA_VERSION=")) {
          String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          String major = version.split("[.+-]")[0];
          return Integer.parseInt(major.equals("1") ? version.split("\\.")[1] : major);
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }
}
