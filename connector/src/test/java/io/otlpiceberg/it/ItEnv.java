package io.otlpiceberg.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Where the build put what the integration tests need (set by Failsafe in connector/pom.xml). */
final class ItEnv {
  private ItEnv() {}

  static Path pluginZip() {
    return Path.of(required("otlp.it.pluginZip"));
  }

  static Path configExamples() {
    return Path.of(required("otlp.it.configExamples"));
  }

  static Path workDir() {
    return Path.of(required("otlp.it.workDir"));
  }

  /** A child JVM's classpath, resolved by src/it/pom.xml. */
  static String classpath(String name) {
    Path file = Path.of(required("otlp.it.classpathDir"), name + ".classpath");
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("No classpath file " + file + "; run mvn verify", e);
    }
  }

  /** The plugin ZIP unpacked into a fresh plugin.path directory, as a user installs it. */
  static synchronized Path unpackedPluginPath() throws IOException {
    Path pluginPath = workDir().resolve("plugin-path");
    if (Files.isDirectory(pluginPath)) {
      deleteTree(pluginPath);
    }
    Files.createDirectories(pluginPath);
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(pluginZip()))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        Path target = pluginPath.resolve(entry.getName()).normalize();
        if (!target.startsWith(pluginPath)) {
          throw new IOException("Zip entry outside the target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(zip, target);
        }
      }
    }
    return pluginPath;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      List<Path> all = paths.sorted(java.util.Comparator.reverseOrder()).toList();
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    }
  }

  static byte[] resource(String name) {
    try (InputStream in = ItEnv.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("No test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String required(String key) {
    String value = System.getProperty(key);
    if (value == null) {
      throw new IllegalStateException("System property " + key + " is not set: run the ITs with"
          + " mvn verify (Failsafe sets it)");
    }
    return value;
  }
}
