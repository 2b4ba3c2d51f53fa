package io.otlpiceberg.it;

import io.otlpiceberg.stack.ChildProcess;
import io.otlpiceberg.stack.Dirs;
import io.otlpiceberg.stack.PluginZip;
import io.otlpiceberg.stack.StackRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Where the build put what the integration tests need (set by Failsafe in connector/pom.xml). */
final class ItEnv {
  static {
    // An interrupted test run must not leave brokers and workers behind.
    ChildProcess.killChildrenOnExit();
  }

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

  /** The child JVMs' jars, as local-stack's build resolved them. */
  static StackRuntime runtime() {
    return new StackRuntime(Path.of(required("otlp.it.stackRuntime")));
  }

  /**
   * moto's server program: {@code -Dotlp.it.motoServer=/path/to/moto_server}, else {@code
   * moto_server} on the PATH (.ci/run installs it where it is missing).
   */
  static String motoServer() {
    return System.getProperty("otlp.it.motoServer", "moto_server");
  }

  /** An empty directory for one test class's parts. */
  static Path freshDir(String name) throws IOException {
    return Dirs.fresh(workDir().resolve(name));
  }

  /** The plugin ZIP unpacked into {@code dir/plugin-path}, as a user installs it. */
  static Path pluginPath(Path dir) throws IOException {
    return PluginZip.unpack(pluginZip(), dir.resolve("plugin-path"));
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
      throw new IllegalStateException(
          "System property "
              + key
              + " is not set: run the ITs with"
              + " mvn verify (Failsafe sets it)");
    }
    return value;
  }
}
