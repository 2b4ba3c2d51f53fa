package io.otlpiceberg.bench.e2e;

import io.otlpiceberg.quickstart.Stack;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * The quickstart's local stack ({@link Stack}: KRaft broker, Iceberg REST catalog, distributed
 * Connect worker, each a child JVM), run with the plugin ZIP of one build under test.
 *
 * <p>Which plugin ZIP the worker loads is decided by the runtime directory: Stack unpacks the
 * newest {@code otlp-iceberg-connector-*.zip} in it. {@link #runtimeFor} builds one runtime
 * directory per build under test: symlinks to the quickstart's {@code kafka/} and
 * {@code rest-catalog/} jars and a copy of that build's ZIP.
 */
final class LocalStack implements AutoCloseable {
  private final Stack stack;

  LocalStack(Path runtime, Path dataDir, PrintStream out) {
    stack = new Stack(runtime, dataDir, out);
  }

  /** A runtime directory whose only plugin ZIP is {@code zip}. */
  static Path runtimeFor(Path quickstartRuntime, Path zip, Path dir) throws IOException {
    for (String part : List.of("kafka", "rest-catalog")) {
      Path source = quickstartRuntime.resolve(part);
      if (!Files.isDirectory(source)) {
        throw new IOException("No " + source + ": build quickstart first (mvn -B -q -pl"
            + " connector,quickstart,benchmarks -am package -DskipTests)");
      }
    }
    if (!Files.isRegularFile(zip)) {
      throw new IOException("No plugin ZIP " + zip);
    }
    deleteTree(dir);
    Files.createDirectories(dir);
    Files.createSymbolicLink(dir.resolve("kafka"), quickstartRuntime.resolve("kafka"));
    Files.createSymbolicLink(dir.resolve("rest-catalog"), quickstartRuntime.resolve("rest-catalog"));
    Files.copy(zip, dir.resolve("otlp-iceberg-connector-bench.zip"));
    return dir;
  }

  void start() throws Exception {
    stack.start();
  }

  String bootstrapServers() {
    return stack.bootstrapServers();
  }

  String catalogUri() {
    return stack.catalogUri();
  }

  String connectUrl() {
    return stack.connectUrl();
  }

  Path logs() {
    return stack.logs();
  }

  void createConnector(String body) throws Exception {
    stack.createConnector(body);
  }

  /** config-examples/local.json, as the quickstart jar carries it. */
  static String localJson() throws IOException {
    try (InputStream in = Stack.class.getResourceAsStream("local.json")) {
      if (in == null) {
        throw new IOException("No io/otlpiceberg/quickstart/local.json on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The PID of our child JVM running {@code mainClass} (e.g. ConnectDistributed). */
  static long childPid(String mainClass) throws IOException {
    OptionalLong pid = ProcessHandle.current().children()
        .filter(p -> commandLine(p.pid()).contains(mainClass))
        .mapToLong(ProcessHandle::pid).findFirst();
    if (pid.isEmpty()) {
      throw new IOException("No child JVM running " + mainClass);
    }
    return pid.getAsLong();
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static List<String> commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
      return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  @Override
  public void close() {
    stack.close();
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isSymbolicLink(root)) {
      Files.delete(root);
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
