package io.otlpiceberg.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A process of the stack (a JVM, or a program such as moto's server), with its output in a log
 * file. A JVM inherits nothing of the JVM that starts it: no classpath, no {@code
 * JAVA_TOOL_OPTIONS}.
 */
public final class ChildProcess {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean KILL_ON_EXIT = new AtomicBoolean();

  private final String name;
  private final Path log;
  private final Process process;

  private ChildProcess(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  /** Thrown by {@link #assertAlive()}: waiting for a dead process is pointless. */
  public static final class Exited extends Poll.GiveUp {
    private static final long serialVersionUID = 1L;

    Exited(String message) {
      super(message);
    }
  }

  /** A JVM of the running JDK with {@code mainClass}. */
  public static ChildProcess start(
      String name,
      String classpath,
      List<String> jvmArgs,
      String mainClass,
      List<String> args,
      Map<String, String> env,
      Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    return run(name, command, env, log);
  }

  /** Any program: {@code command} is the program and its arguments. */
  public static ChildProcess run(
      String name, List<String> command, Map<String, String> env, Path log) throws IOException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().remove("CLASSPATH");
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().putAll(env);
    Process process = builder.start();
    LIVE.add(process);
    process.onExit().thenRun(() -> LIVE.remove(process));
    return new ChildProcess(name, log, process);
  }

  /**
   * From now on, children still running when this JVM exits are killed with it: for a test JVM, so
   * an interrupted run leaves no broker or worker behind. The quickstart does not ask for it; its
   * own shutdown hook stops the stack gracefully, which a kill here would cut short.
   */
  public static void killChildrenOnExit() {
    if (KILL_ON_EXIT.compareAndSet(false, true)) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-child-jvms"));
    }
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** For a JVM that runs a command and exits: its exit code; killed after {@code seconds}. */
  public int awaitExit(long seconds) throws IOException, InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      kill();
      throw new IOException(
          name + " did not exit within " + seconds + " s; log " + log + ":\n" + tail());
    }
    return process.exitValue();
  }

  public void assertAlive() {
    if (!process.isAlive()) {
      String tail;
      try {
        tail = tail();
      } catch (IOException e) {
        tail = "(log unreadable: " + e + ")";
      }
      throw new Exited(
          name + " exited with " + process.exitValue() + "; its log " + log + ":\n" + tail);
    }
  }

  public String logText() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** The end of the log, for an error message. */
  public String tail() throws IOException {
    String text = logText();
    return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
  }

  /** SIGTERM and wait: the JVM runs its shutdown hooks (Connect stops its tasks gracefully). */
  public void stop() {
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

  /** SIGKILL: a crash, no shutdown hooks, nothing flushed or committed. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
