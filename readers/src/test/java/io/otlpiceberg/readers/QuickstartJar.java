package io.otlpiceberg.readers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The quickstart jar run as a user runs it, {@code java -jar otlp-iceberg-quickstart.jar ARGS}, on
 * this JDK, its output kept in a file.
 */
final class QuickstartJar {
  /** What the run printed and how it exited. */
  record Run(int exitCode, String output) {}

  private QuickstartJar() {}

  /** Runs to its end; at {@code timeoutSeconds} it is killed, with the JVMs it started. */
  static Run run(Path output, long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty(
                    "otlp.qs.jar", "../quickstart/target/otlp-iceberg-quickstart.jar")));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "the quickstart jar "
                + List.of(args)
                + " did not exit within "
                + timeoutSeconds
                + " s; it printed:\n"
                + Files.readString(output));
      }
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    return new Run(process.exitValue(), Files.readString(output));
  }
}
