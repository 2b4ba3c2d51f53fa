package io.otlpiceberg.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack a connector runs in, all on loopback, each part a JVM of its own: a KRaft broker,
 * Iceberg's REST catalog over a sqlite file and a {@code file:} warehouse, and a distributed
 * Connect worker with the unpacked plugin ZIP on {@code plugin.path}. More workers can join its
 * Connect cluster ({@link #addWorker}).
 *
 * <p>Everything lives in one data directory: {@code kafka/} and {@code connect/} start empty on
 * every {@link #start()}; {@code catalog/} (the sqlite file) and {@code warehouse/} are kept, so
 * tables written before are still served; {@code logs/} holds every part's log.
 */
public final class LocalStack implements AutoCloseable {
  private final StackRuntime runtime;
  private final Path pluginZip;
  private final Path dataDir;
  private final Path logs;
  private final PrintStream out;
  private final boolean usualPorts;
  private final boolean fastFailureDetection;
  private final boolean workerLogsAsShipped;
  private final String workerCollector;
  private final StartedParts started = new StartedParts();
  private final List<ConnectWorker> workers = new ArrayList<>();
  private Path pluginPath;
  private KafkaBroker kafka;
  private RestCatalogServer catalog;

  private LocalStack(Builder b) {
    this.runtime = b.runtime;
    this.pluginZip = b.pluginZip;
    this.dataDir = b.dataDir;
    this.logs = dataDir.resolve("logs");
    this.out = b.out;
    this.usualPorts = b.usualPorts;
    this.fastFailureDetection = b.fastFailureDetection;
    this.workerLogsAsShipped = b.workerLogsAsShipped;
    this.workerCollector = b.workerCollector;
  }

  /**
   * @param runtime the child JVMs' jars
   * @param pluginZip the connector's plugin ZIP, installed as a user installs it
   */
  public static Builder builder(StackRuntime runtime, Path pluginZip, Path dataDir) {
    return new Builder(runtime, pluginZip, dataDir);
  }

  /** How the stack is set up; {@link #start()} starts it. */
  public static final class Builder {
    private final StackRuntime runtime;
    private final Path pluginZip;
    private final Path dataDir;
    private PrintStream out;
    private boolean usualPorts;
    private boolean fastFailureDetection;
    private boolean workerLogsAsShipped;
    private String workerCollector = ConnectWorker.DEFAULT_COLLECTOR;

    private Builder(StackRuntime runtime, Path pluginZip, Path dataDir) {
      this.runtime = runtime;
      this.pluginZip = pluginZip;
      this.dataDir = dataDir;
    }

    /** Prints each part's PID and log as it starts. */
    public Builder out(PrintStream out) {
      this.out = out;
      return this;
    }

    /** 9092, 8181 and 8083 where free, so a user's tools find the parts where they expect. */
    public Builder usualPorts() {
      this.usualPorts = true;
      return this;
    }

    /**
     * Workers notice a dead peer in seconds ({@link ConnectWorker.Builder#fastFailureDetection}).
     */
    public Builder fastFailureDetection() {
      this.fastFailureDetection = true;
      return this;
    }

    /** Workers log as a user's do ({@link ConnectWorker.Builder#logAsShipped}). */
    public Builder workerLogsAsShipped() {
      this.workerLogsAsShipped = true;
      return this;
    }

    /**
     * The workers' garbage collector, as its JVM flag ({@link ConnectWorker.Builder#collector}).
     */
    public Builder workerCollector(String flag) {
      this.workerCollector = flag;
      return this;
    }

    /** The stack, not started: {@link LocalStack#close()} may already be called on it. */
    public LocalStack build() {
      return new LocalStack(this);
    }

    public LocalStack start() throws Exception {
      LocalStack stack = build();
      stack.start();
      return stack;
    }
  }

  /** Starts broker, catalog and one worker; on a failure stops what had started. */
  public void start() throws Exception {
    try {
      startParts();
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private void startParts() throws Exception {
    // Each part is registered before it starts, so a stop during the start (Ctrl-C in the
    // quickstart) finds it.
    kafka =
        started.add(
            KafkaBroker.builder(runtime, Dirs.fresh(dataDir.resolve("kafka")))
                .logs(logs)
                .preferredPort(usualPorts ? 9092 : 0)
                .build());
    kafka.start();
    printStarted(kafka.process());
    catalog =
        started.add(
            RestCatalogServer.builder(runtime, catalogDir(dataDir))
                .warehouse(warehouseDir(dataDir))
                .logs(logs)
                .preferredPort(usualPorts ? 8181 : 0)
                .build());
    catalog.start();
    printStarted(catalog.process());
    Path connect = Dirs.fresh(dataDir.resolve("connect"));
    pluginPath = PluginZip.unpack(pluginZip, connect.resolve("plugins"));
    addWorker("connect-worker", usualPorts ? 8083 : 0);
  }

  /** Another worker in the same Connect cluster (same group and topics), started. */
  public ConnectWorker addWorker(String name) throws Exception {
    return addWorker(name, 0);
  }

  private ConnectWorker addWorker(String name, int port) throws Exception {
    ConnectWorker.Builder builder =
        ConnectWorker.builder(
                runtime,
                dataDir.resolve("connect").resolve(name),
                kafka.bootstrapServers(),
                pluginPath)
            .name(name)
            .logs(logs)
            .preferredPort(port)
            .collector(workerCollector);
    if (fastFailureDetection) {
      builder.fastFailureDetection();
    }
    if (workerLogsAsShipped) {
      builder.logAsShipped();
    }
    ConnectWorker worker = started.add(builder.build());
    synchronized (workers) {
      workers.add(worker);
    }
    worker.start();
    printStarted(worker.process());
    return worker;
  }

  private void printStarted(ChildProcess jvm) {
    if (out != null) {
      out.printf("  started %-14s pid %d, log %s%n", jvm.name(), jvm.pid(), jvm.log());
    }
  }

  public KafkaBroker kafka() {
    return kafka;
  }

  public RestCatalogServer catalog() {
    return catalog;
  }

  /** The first worker. */
  public ConnectWorker worker() {
    synchronized (workers) {
      return workers.get(0);
    }
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public String catalogUri() {
    return catalog.uri();
  }

  public String connectUrl() {
    return worker().url();
  }

  public Path warehouse() {
    return catalog.warehouse();
  }

  /** Where a stack on {@code dataDir} keeps its catalog, running or not. */
  public static Path catalogDir(Path dataDir) {
    return dataDir.resolve("catalog");
  }

  /** Where a stack on {@code dataDir} keeps its tables' files, running or not. */
  public static Path warehouseDir(Path dataDir) {
    return dataDir.resolve("warehouse");
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Where each part writes its log. */
  public Path logs() {
    return logs;
  }

  /** A part that should run and does not (null if all run). */
  public ChildProcess deadPart() {
    List<ChildProcess> parts = new ArrayList<>();
    parts.add(kafka == null ? null : kafka.process());
    parts.add(catalog == null ? null : catalog.process());
    synchronized (workers) {
      workers.forEach(w -> parts.add(w.process()));
    }
    for (ChildProcess part : parts) {
      if (part != null && !part.isAlive()) {
        return part;
      }
    }
    return null;
  }

  /**
   * Stops the workers first (their tasks close cleanly while Kafka is up), then catalog, broker.
   */
  @Override
  public void close() throws IOException {
    try {
      started.close();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }
}
