package io.otlpiceberg.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A part of the stack that runs as one child process at a time and can be stopped, killed and
 * started again, keeping whatever state it keeps on disk. Each start logs to a file of its own:
 * {@code <name>.log}, then {@code <name>-2.log}, ...
 */
public abstract class ChildPart implements AutoCloseable {
  private final String name;
  private final Path logs;
  // Read without the lock: a stop must not wait for a start that is still waiting for readiness.
  private volatile ChildProcess process;
  private volatile int starts;

  protected ChildPart(String name, Path logs) {
    this.name = name;
    this.logs = logs;
  }

  /** Starts the process and waits until the part answers. */
  public final synchronized void start() throws Exception {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is running");
    }
    starts++;
    Files.createDirectories(logs);
    process = launch(name, log(starts));
    awaitReady(process);
  }

  /** {@code part} started, or closed (whatever had started) and the failure rethrown. */
  public static <P extends ChildPart> P started(P part) throws Exception {
    try {
      part.start();
    } catch (Exception | Error e) {
      part.close();
      throw e;
    }
    return part;
  }

  /** Starts this part's process, writing to {@code log}. */
  protected abstract ChildProcess launch(String name, Path log) throws Exception;

  /** Returns once the part serves; a dead process ends it ({@link ChildProcess#assertAlive}). */
  protected abstract void awaitReady(ChildProcess process) throws Exception;

  public String name() {
    return name;
  }

  /** Where this part's log files go. */
  protected Path logDir() {
    return logs;
  }

  /** The process of the latest start (null before the first). */
  public ChildProcess process() {
    return process;
  }

  private Path log(int start) {
    return logs.resolve(start == 1 ? name + ".log" : name + "-" + start + ".log");
  }

  /** Everything the part logged so far, over its restarts. */
  public String logText() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= starts; i++) {
      Path log = log(i);
      if (Files.exists(log)) {
        text.append(Files.readString(log));
      }
    }
    return text.toString();
  }

  /** SIGTERM and wait: a clean shutdown; {@link #start()} brings the part back. */
  public void stop() {
    ChildProcess current = process;
    if (current != null) {
      current.stop();
    }
  }

  /** SIGKILL: the part dies as in a crash, nothing flushed. */
  public void kill() {
    ChildProcess current = process;
    if (current != null) {
      current.kill();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
