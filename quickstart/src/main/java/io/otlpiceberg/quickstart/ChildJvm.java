package io.otlpiceberg.quickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A Java process the quickstart started, with its output in a log file; stopped by its own PID. */
final class ChildJvm {
  private final String name;
  private final Path log;
  private final Process process;

  private ChildJvm(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  static ChildJvm start(String name, String classpath, List<String> jvmArgs, String mainClass,
      List<String> args, Map<String, String> env, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().remove("CLASSPATH");
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().putAll(env);
    return new ChildJvm(name, log, builder.start());
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the process to end on its own (a tool run, not a server). */
  int waitFor(long seconds) throws InterruptedException, IOException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      kill();
      throw new IOException(name + " did not finish within " + seconds + " s; log " + log);
    }
    return process.exitValue();
  }

  void assertAlive() throws IOException {
    if (!process.isAlive()) {
      throw new IOException(name + " exited with " + process.exitValue() + "; see its log "
          + log + ":\n" + tail());
    }
  }

  String tail() throws IOException {
    String text = Files.exists(log) ? Files.readString(log) : "";
    return text.length() <= 3000 ? text : text.substring(text.length() - 3000);
  }

  /** SIGTERM and wait: the JVM runs its shutdown hooks (Connect stops its tasks gracefully). */
  void stop() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          kill();
        }
      } catch (InterruptedException e) {
        kill();
        Thread.currentThread().interrupt();
      }
    }
  }

  void kill() {
    process.destroyForcibly();
  }
}
