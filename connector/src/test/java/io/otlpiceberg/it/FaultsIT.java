package io.otlpiceberg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.otlpiceberg.catalog.TableBootstrap;
import io.otlpiceberg.stack.ConnectWorker;
import io.otlpiceberg.stack.Poll;
import io.otlpiceberg.tables.OtlpTable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StaticTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults under a steady stream: each test starts a connector, sends trace requests at about 20 a
 * second ({@link SteadyLoad}), breaks one part of the stack mid-stream, brings it back (or not) and
 * keeps sending, then checks that every span is in the table exactly once and that no data file was
 * committed twice ({@link ExactlyOnce}). Nothing is restarted by hand unless the fault is a
 * restart. Each test prints one line of the fault matrix in README.
 */
class FaultsIT {
  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final Duration SEND_INTERVAL = Duration.ofMillis(50);

  /** How long the load runs after the fault has ended: a few commit rounds. */
  private static final Duration AFTER_FAULT = Duration.ofSeconds(8);

  /** How long the idle-task test watches commit rounds of 1 s. */
  private static final Duration IDLE_WINDOW = Duration.ofSeconds(15);

  private static final List<String> MATRIX = Collections.synchronizedList(new ArrayList<>());
  private static OtlpStack stack;
  private static final List<String> CREATED = new ArrayList<>();
  private static long nextBatch = 1_000_000;

  @BeforeAll
  static void startStack() throws Exception {
    stack = OtlpStack.start("faults");
  }

  @AfterAll
  static void stopStack() throws Exception {
    System.out.println(
        "[fault matrix] fault | requests | spans produced | spans found |"
            + " duplicates | first commit after the fault ended");
    MATRIX.forEach(line -> System.out.println("[fault matrix] " + line));
    if (stack != null) {
      stack.close();
    }
  }

  /** A test that failed half-way leaves its connector behind: delete it, it would run on. */
  @AfterEach
  void deleteConnectors() throws Exception {
    for (String connector : CREATED) {
      stack.worker.deleteConnector(connector);
    }
    CREATED.clear();
  }

  @Test
  void workerKilledWhileWritingAndRestartedLosesAndRepeatsNothing() throws Exception {
    // Rounds of 10 s, the kill 4 s into one: records are in open data files, no commit running.
    Run run = begin("kill-writing", 1, 1, "iceberg.control.commit.interval-ms", "10000");
    long committed = ExactlyOnce.firstCommitAfter(stack.catalog, run.ns, 0);
    Thread.sleep(Math.max(0, committed + 4_000 - System.currentTimeMillis()));
    stack.worker.kill();
    stack.worker.start();
    long faultEnd = System.currentTimeMillis();
    stack.worker.awaitRunning(run.name, 1, WAIT);
    finish(run, "worker kill -9 while writing, restarted", faultEnd);
  }

  @Test
  void secondWorkerKilledAndNotRestartedHandsItsTasksToTheFirst() throws Exception {
    ConnectWorker second = stack.local.addWorker("worker-killed");
    Run run = begin("kill-second", 2, 2);
    Poll.until(
        "a task on " + second.url(), WAIT, () -> workersOf(run.name).contains(workerId(second)));
    second.kill();
    long faultEnd = System.currentTimeMillis();
    // Connect notices after the worker's session timeout (6 s here) and reassigns at once.
    Poll.until(
        "both tasks on " + stack.worker.url(),
        WAIT,
        () -> workersOf(run.name).equals(Set.of(workerId(stack.worker))));
    stack.worker.awaitRunning(run.name, 2, WAIT);
    finish(run, "second worker kill -9, not restarted", faultEnd);
  }

  @Test
  void workerJoiningAndLeavingMidStreamMovesTasksWithoutLossOrRepeat() throws Exception {
    Run run = begin("join-leave", 2, 2);
    ConnectWorker joining = stack.local.addWorker("worker-joining");
    Poll.until(
        "a task on the joining worker",
        WAIT,
        () -> workersOf(run.name).contains(workerId(joining)));
    stack.worker.awaitRunning(run.name, 2, WAIT);
    Thread.sleep(5_000);
    joining.stop();
    long faultEnd = System.currentTimeMillis();
    Poll.until(
        "both tasks back on " + stack.worker.url(),
        WAIT,
        () -> workersOf(run.name).equals(Set.of(workerId(stack.worker))));
    stack.worker.awaitRunning(run.name, 2, WAIT);
    finish(run, "a worker joins, then leaves (two rebalances)", faultEnd);
  }

  @Test
  void brokerStoppedFor30SecondsThenStartedResumesOnItsOwn() throws Exception {
    Run run = begin("broker-down", 1, 1);
    stack.kafka.stop();
    Thread.sleep(30_000);
    stack.kafka.start();
    long faultEnd = System.currentTimeMillis();
    stack.worker.awaitRunning(run.name, 1, WAIT);
    finish(run, "Kafka broker stopped for 30 s", faultEnd);
  }

  @Test
  void catalogUnreachableFor60SecondsThenBackResumesCommitsOnItsOwn() throws Exception {
    Run run = begin("catalog-down", 1, 1);
    stack.catalogServer.stop();
    Thread.sleep(60_000);
    stack.catalogServer.start();
    long faultEnd = System.currentTimeMillis();
    stack.worker.awaitRunning(run.name, 1, WAIT);
    finish(run, "REST catalog unreachable for 60 s", faultEnd);
  }

  @Test
  void catalogDownWhenTheTaskStartsIsWaitedForNotAFailure() throws Exception {
    stack.catalogServer.stop();
    Run run;
    long faultEnd;
    try {
      run = create("catalog-late", 1, 1);
      String waiting = "Waiting for the Iceberg catalog at " + stack.catalogServer.uri();
      Poll.until(
          "the task saying it waits for the catalog",
          WAIT,
          () -> stack.worker.logs().contains(waiting));
      Thread.sleep(10_000);
      assertThat(stack.worker.status(run.name).path("tasks").toString()).doesNotContain("FAILED");
    } finally {
      stack.catalogServer.start();
    }
    faultEnd = System.currentTimeMillis();
    stack.worker.awaitRunning(run.name, 1, WAIT);
    startLoad(run);
    finish(run, "REST catalog down when the task starts, up 10 s later", faultEnd);
  }

  /**
   * Idle topics: traces flowing on one partition, the logs and metrics topics idle. Two tasks, two
   * partitions per topic: task 0 owns a partition of each topic, one of them flowing; task 1 owns
   * only idle ones. The Iceberg sink (1.12.0) starts a task's commit worker at its first record, so
   * task 1 never answered a commit request, and every round waited out the commit timeout and
   * committed without it (apache/iceberg#17811). Here the timeout is 30 s and the interval 1 s:
   * rounds must follow the interval.
   */
  @Test
  void idleTopicsAndATaskWithOnlyIdlePartitionsDoNotHoldUpCommitRounds() throws Exception {
    String logs = "idle_task_logs";
    String metrics = "idle_task_metrics";
    stack.kafka.createTopic(logs, 2);
    stack.kafka.createTopic(metrics, 2);
    Run run =
        create(
            "idle-task",
            2,
            2,
            "iceberg.control.commit.timeout-ms",
            "30000",
            "topics",
            "idle_task_spans," + logs + "," + metrics,
            "value.converter.logs.topics",
            logs,
            "value.converter.metrics.topics",
            metrics);
    stack.worker.awaitRunning(run.name, 2, WAIT);
    startLoad(run, 1);
    long windowStart = System.currentTimeMillis();
    Thread.sleep(IDLE_WINDOW.toMillis());
    List<Long> commits = new ArrayList<>();
    for (Snapshot snapshot : Tables.snapshots(stack.catalog, run.ns, "traces")) {
      if (snapshot.timestampMillis() >= windowStart) {
        commits.add(snapshot.timestampMillis());
      }
    }
    Collections.sort(commits);
    long longestGap = 0;
    for (int i = 1; i < commits.size(); i++) {
      longestGap = Math.max(longestGap, commits.get(i) - commits.get(i - 1));
    }
    finish(
        run,
        String.format(
            "logs and metrics idle, one of two tasks idle, commit timeout 30 s:"
                + " %d commits in %d s,"
                + " longest gap %.1f s",
            commits.size(), IDLE_WINDOW.toSeconds(), longestGap / 1000.0),
        windowStart);
    // A round held up by the idle task lasts the whole 30 s timeout: at most one would end in
    // the window. Rounds of 1 s give 5 to 7 here, on a loaded machine too.
    assertThat(commits)
        .as("commits of traces in the %d s after the first", IDLE_WINDOW.toSeconds())
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(longestGap).as("longest time between two commits, ms").isLessThan(15_000);
  }

  @Test
  void aColumnAddedToATableBySomeoneElseIsLeftNullAndNothingIsLost() throws Exception {
    Run run = begin("column-added", 1, 1);
    traces(run).updateSchema().addColumn("team", Types.StringType.get()).commit();
    long faultEnd = System.currentTimeMillis();
    finish(run, "a column added to traces by someone else", faultEnd);
    stack.worker.awaitRunning(run.name, 1, WAIT);
    assertThat(Tables.rows(stack.catalog, run.ns, "traces"))
        .allSatisfy(row -> assertThat(row).containsEntry("team", null));
  }

  @Test
  void aTableDroppedMidStreamIsCreatedAgainWithEveryRowNotCommittedBefore() throws Exception {
    tableDroppedMidStream("table-dropped", false);
  }

  @Test
  void aTableDroppedAndCreatedAgainByAUserMidStreamGetsEveryRowNotCommittedBefore()
      throws Exception {
    tableDroppedMidStream("table-replaced", true);
  }

  /**
   * The rows committed before the drop stay in the dropped table's files; every other row must be
   * in the table that now has the name, so both together hold each span once. The drop comes right
   * after a commit: one that lands while the coordinator commits loses that commit's rows (README,
   * "A table changed under the connector").
   */
  private static void tableDroppedMidStream(String name, boolean userCreatesItAgain)
      throws Exception {
    Run run = begin(name, 1, 1);
    Table before = traces(run);
    awaitCommitAfter(run, System.currentTimeMillis());
    TableIdentifier id = TableIdentifier.of(run.ns, "traces");
    stack.catalog.dropTable(id, false);
    if (userCreatesItAgain) {
      new TableBootstrap(stack.catalog).ensureTable(OtlpTable.TRACES, id, true);
    }
    long faultEnd = System.currentTimeMillis();
    Table dropped = lastStateOf(before);
    finish(
        run,
        userCreatesItAgain
            ? "traces dropped and created again by a user, mid-stream"
            : "traces dropped mid-stream (the connector creates it again)",
        faultEnd,
        List.of(dropped));
    assertThat(traces(run).uuid()).isNotEqualTo(before.uuid());
    assertThat(stack.worker.logs())
        .contains("Tables changed since this round's rows were written: " + id);
  }

  @Test
  void aColumnGivenAnotherTypeFailsTheTaskWithTheFixAndOnceFixedNothingIsLost() throws Exception {
    Run run = begin("column-retyped", 1, 1);
    Table table = traces(run);
    table.updateSchema().deleteColumn("duration_ns").commit();
    table.updateSchema().addColumn("duration_ns", Types.StringType.get()).commit();
    String trace = stack.worker.awaitFailedTask(run.name, WAIT);
    assertThat(trace)
        .contains(
            "Cannot write table "
                + run.ns
                + ".traces: column duration_ns is"
                + " string, and the connector writes long there; give the column that type");
    table.updateSchema().deleteColumn("duration_ns").commit();
    table.updateSchema().addColumn("duration_ns", Types.LongType.get()).commit();
    stack.worker.restartTask(run.name, 0);
    long faultEnd = System.currentTimeMillis();
    stack.worker.awaitRunning(run.name, 1, WAIT);
    finish(
        run,
        "a traces column given another type: the task fails; column fixed, task" + " restarted",
        faultEnd);
  }

  /** A connector on its own topic and namespace, with the load flowing once it runs. */
  private static final class Run {
    final String name;
    final String ns;
    final String topic;
    final int partitions;
    SteadyLoad load;

    Run(String name, int partitions) {
      this.name = name;
      this.ns = name.replace('-', '_');
      this.topic = ns + "_spans";
      this.partitions = partitions;
    }
  }

  /** The connector created, RUNNING, with the load flowing and a first commit made. */
  private static Run begin(String name, int partitions, int tasks, String... overrides)
      throws Exception {
    Run run = create(name, partitions, tasks, overrides);
    stack.worker.awaitRunning(name, tasks, WAIT);
    return startLoad(run);
  }

  private static Run create(String name, int partitions, int tasks, String... overrides)
      throws Exception {
    Run run = new Run(name, partitions);
    stack.kafka.createTopic(run.topic, partitions);
    // Arrays.asList: a null value removes a setting of the example.
    List<String> settings =
        new ArrayList<>(
            Arrays.asList(
                "name",
                name,
                "topics",
                run.topic,
                "value.converter.traces.topics",
                run.topic,
                "tasks.max",
                String.valueOf(tasks),
                "errors.deadletterqueue.topic.name",
                null));
    settings.addAll(List.of(overrides));
    stack.worker.createConnector(name, stack.localConfig(run.ns, settings.toArray(String[]::new)));
    CREATED.add(name);
    return run;
  }

  private static Run startLoad(Run run) throws Exception {
    return startLoad(run, run.partitions);
  }

  /**
   * @param loaded how many of the topic's partitions, from 0, the load sends to
   */
  private static Run startLoad(Run run, int loaded) throws Exception {
    run.load =
        new SteadyLoad(stack.kafka.bootstrapServers(), run.topic, loaded, nextBatch, SEND_INTERVAL);
    nextBatch += 1_000_000;
    Poll.until(
        "a first commit of " + run.name,
        WAIT,
        () -> Tables.count(stack.catalog, run.ns, "traces"),
        n -> n > 0);
    return run;
  }

  /** Keeps the load going a few rounds, stops it, checks the table, records the matrix line. */
  private static void finish(Run run, String fault, long faultEndMillis) throws Exception {
    finish(run, fault, faultEndMillis, List.of());
  }

  /**
   * @param dropped traces tables dropped on the way, as they were when dropped
   */
  private static void finish(Run run, String fault, long faultEndMillis, List<Table> dropped)
      throws Exception {
    try (SteadyLoad load = run.load) {
      Thread.sleep(AFTER_FAULT.toMillis());
      int requests = load.stop();
      long spans = (long) requests * SteadyLoad.SPANS_PER_REQUEST;
      ExactlyOnce.Found found =
          ExactlyOnce.assertSpans(
              stack.catalog,
              run.ns,
              spans,
              WAIT,
              dropped,
              () -> giveUpIfFailed(stack.worker, run.name));
      long recovered = ExactlyOnce.firstCommitAfter(stack.catalog, run.ns, faultEndMillis);
      MATRIX.add(
          String.format(
              "%s | %d | %d | %d | %d | %.1f s",
              fault,
              requests,
              spans,
              found.distinct(),
              found.duplicates(),
              (recovered - faultEndMillis) / 1000.0));
      assertThat(found.duplicates()).isZero();
    }
  }

  private static Table traces(Run run) {
    Table table = Tables.load(stack.catalog, run.ns, "traces");
    table.refresh();
    return table;
  }

  private static void awaitCommitAfter(Run run, long millis) throws Exception {
    Poll.until(
        "a commit of " + run.name + " after " + millis,
        WAIT,
        () -> ExactlyOnce.firstCommitAfter(stack.catalog, run.ns, millis),
        first -> first != Long.MAX_VALUE);
  }

  /**
   * A dropped table as it last was: its newest metadata file (dropping without purge leaves the
   * files), told apart by UUID from those of a table created later in the same place.
   */
  private static Table lastStateOf(Table dropped) throws Exception {
    Path metadataDir = Path.of(URI.create(dropped.location() + "/metadata"));
    TableMetadata last = null;
    try (Stream<Path> files = Files.list(metadataDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".metadata.json")).toList()) {
        TableMetadata metadata = TableMetadataParser.read(dropped.io(), file.toUri().toString());
        if (metadata.uuid().equals(dropped.uuid().toString())
            && (last == null || metadata.lastUpdatedMillis() > last.lastUpdatedMillis())) {
          last = metadata;
        }
      }
    }
    assertThat(last).as("metadata of the dropped table in %s", metadataDir).isNotNull();
    return new BaseTable(
        new StaticTableOperations(last.metadataFileLocation(), dropped.io()),
        dropped.name() + " (dropped)");
  }

  /** Waiting for rows cannot help once a task FAILED: Connect does not restart it. */
  static void giveUpIfFailed(ConnectWorker worker, String connector) throws Exception {
    JsonNode failed = ConnectWorker.failedTask(worker.status(connector));
    if (failed != null) {
      throw new Poll.GiveUp(
          "Task "
              + failed.path("id").asText()
              + " of "
              + connector
              + " FAILED:\n"
              + failed.path("trace").asText());
    }
  }

  /** The workers ({@code host:port}) Connect says run the connector's tasks. */
  private static Set<String> workersOf(String connector) throws Exception {
    JsonNode status = stack.worker.status(connector);
    Set<String> workers = new HashSet<>();
    for (JsonNode task : status.path("tasks")) {
      if ("RUNNING".equals(task.path("state").asText())) {
        workers.add(task.path("worker_id").asText());
      }
    }
    return workers;
  }

  private static String workerId(ConnectWorker worker) {
    return worker.url().replace("http://", "");
  }
}
