package io.otlpiceberg.quickstart;

import static io.otlpiceberg.telemetry.OtlpValues.kv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.otlpiceberg.decode.OtlpDecodeException;
import io.otlpiceberg.decode.OtlpDecoder;
import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.rows.TableRows;
import io.otlpiceberg.tables.OtlpTable;
import io.otlpiceberg.telemetry.ShopTelemetry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The quickstart as a user runs it: {@code java -jar target/otlp-iceberg-quickstart.jar}, a new
 * process that starts Kafka, the REST catalog and Connect with the plugin ZIP, and writes the seven
 * tables. No part of the stack runs in this JVM.
 */
class QuickstartIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PID = Pattern.compile("started (\\S+)\\s+pid (\\d+)");
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  /**
   * The four OpenTelemetry samples (OTLP/JSON), protobuf requests built here, and one record that
   * is no OTLP at all (Connect sends it to the dead-letter topic): the last line is the rows each
   * table holds, read back from the catalog, and must equal what the converter decodes from the
   * same bytes.
   */
  @Test
  void inputFilesEndUpAsRowsAndTheLastLineCountsThem() throws Exception {
    Path work = workDir("input");
    Path input = work.resolve("input");
    Map<Signal, List<byte[]>> records = new LinkedHashMap<>();
    add(records, Signal.TRACES, sample("trace.json"));
    add(records, Signal.TRACES, twoSpanTrace().toByteArray());
    add(records, Signal.LOGS, sample("logs.json"));
    add(records, Signal.LOGS, sample("events.json"));
    add(records, Signal.METRICS, sample("metrics.json"));
    add(records, Signal.METRICS, gaugeAndSummary().toByteArray());
    ShopTelemetry.Batch batch =
        new ShopTelemetry(42L, 3, 1_700_000_000_000_000_000L).next(1_700_000_060_000_000_000L);
    add(records, Signal.TRACES, batch.traces().toByteArray());
    add(records, Signal.LOGS, batch.logs().toByteArray());
    add(records, Signal.METRICS, batch.metrics().toByteArray());
    byte[] garbage = "not an OTLP request".getBytes(StandardCharsets.UTF_8);
    add(records, Signal.LOGS, garbage);

    OtlpDecoder decoder = new OtlpDecoder();
    Map<String, Long> expected = new LinkedHashMap<>();
    for (OtlpTable table : OtlpTable.values()) {
      expected.put(table.tableName(), 0L);
    }
    for (var entry : records.entrySet()) {
      Path dir = Files.createDirectories(input.resolve(entry.getKey().label()));
      int i = 0;
      for (byte[] value : entry.getValue()) {
        Files.write(dir.resolve(String.format("%02d.otlp", i++)), value);
        if (value == garbage) {
          assertThatThrownBy(() -> decoder.decode(entry.getKey(), value))
              .isInstanceOf(OtlpDecodeException.class);
          continue;
        }
        TableRows rows = decoder.decode(entry.getKey(), value);
        for (OtlpTable table : OtlpTable.values()) {
          expected.merge(table.tableName(), (long) rows.rows(table).size(), Long::sum);
        }
      }
    }
    assertThat(expected.values()).as("every table gets rows").allMatch(n -> n > 0);

    Path dataDir = work.resolve("data");
    Path output = work.resolve("stdout.txt");
    Process process =
        quickstart(
            output,
            "--input",
            input.toString(),
            "--exit-after-commit",
            "--data-dir",
            dataDir.toString(),
            "--timeout-seconds",
            "150");
    assertThat(process.waitFor(240, TimeUnit.SECONDS)).as("quickstart exits").isTrue();
    String stdout = Files.readString(output);
    assertThat(process.exitValue()).as(stdout).isZero();

    List<String> lines = stdout.lines().filter(l -> !l.isBlank()).toList();
    Map<String, Long> counts =
        JSON.readValue(
            lines.get(lines.size() - 1), new TypeReference<LinkedHashMap<String, Long>>() {});
    assertThat(counts).as(stdout).containsExactlyEntriesOf(expected);
    assertThat(stdout)
        .contains("1 of them went to the dead-letter topic")
        .contains("REST catalog: http://127.0.0.1:")
        .contains("SELECT ")
        .containsPattern("rows traces=\\d+ logs=\\d+ metrics_gauge=\\d+");
    assertStackStoppedAndWarehouseKept(stdout, dataDir);

    // The query mode, on what the stopped stack left: every table's count in one statement.
    Run countQuery =
        query(
            dataDir,
            Arrays.stream(OtlpTable.values())
                .map(t -> "(SELECT count(*) FROM " + t.tableName() + ") AS " + t.tableName())
                .collect(Collectors.joining(", ", "SELECT ", "")));
    assertThat(countQuery.exitCode()).as(countQuery.stderr()).isZero();
    List<String> table = countQuery.stdout().lines().toList();
    assertThat(table.get(0).split("\\s*\\|\\s*"))
        .containsExactly(expected.keySet().toArray(String[]::new));
    assertThat(Arrays.stream(table.get(2).split("\\|")).map(String::strip).map(Long::valueOf))
        .containsExactlyElementsOf(expected.values());
    assertThat(table.get(3)).isEqualTo("(1 row)");

    // README's DuckDB queries run verbatim; the samples' trace has one log record.
    Map<String, Run> readme = new LinkedHashMap<>();
    for (String sql : readmeDuckDbQueries()) {
      Run run = query(dataDir, sql);
      assertThat(run.exitCode()).as("%s%n%s", sql, run.stderr()).isZero();
      readme.put(sql, run);
    }
    assertThat(readme).as("README's DuckDB queries").hasSizeGreaterThanOrEqualTo(4);
    String traceLogs =
        readme.entrySet().stream()
            .filter(e -> e.getKey().contains("FROM logs"))
            .findFirst()
            .orElseThrow()
            .getValue()
            .stdout();
    assertThat(traceLogs)
        .contains("Example log record")
        .contains("Information")
        .endsWith("(1 row)\n");

    // A wrong name is named, with DuckDB's suggestion.
    Run column = query(dataDir, "SELECT servce_name FROM traces");
    assertThat(column.exitCode()).isEqualTo(1);
    assertThat(column.stderr())
        .contains("query failed")
        .contains("servce_name")
        .contains("service_name");
    Run missing = query(dataDir, "SELECT * FROM tracs");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr()).contains("tracs").contains("traces");
  }

  /** Generated telemetry until the user stops it (SIGTERM runs the same hook as Ctrl-C). */
  @Test
  void generatedTelemetryIsCommittedAndStopLeavesTheWarehouse() throws Exception {
    Path work = workDir("generated");
    Path dataDir = work.resolve("data");
    Path output = work.resolve("stdout.txt");
    Process process =
        quickstart(
            output,
            "--data-dir",
            dataDir.toString(),
            "--interval-ms",
            "500",
            "--commit-interval-seconds",
            "2");
    Pattern progress =
        Pattern.compile(
            "rows traces=(\\d+) logs=(\\d+) metrics_gauge=(\\d+) metrics_sum=(\\d+)"
                + " metrics_histogram=(\\d+) metrics_exponential_histogram=(\\d+)"
                + " metrics_summary=(\\d+) \\| last commit \\d\\d:\\d\\d:\\d\\dZ");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    boolean allTables = false;
    while (!allTables) {
      assertThat(process.isAlive()).as(() -> read(output)).isTrue();
      assertThat(System.nanoTime())
          .as(() -> "no commit to all seven tables:\n" + read(output))
          .isLessThan(deadline);
      Matcher m = progress.matcher(read(output));
      while (m.find()) {
        boolean all = true;
        for (int g = 1; g <= 7; g++) {
          all &= Long.parseLong(m.group(g)) > 0;
        }
        allTables |= all;
      }
      if (!allTables) {
        Thread.sleep(500);
      }
    }
    // The query mode while the stack runs and commits.
    Run live = query(dataDir, "SELECT count(*) AS spans FROM traces");
    assertThat(live.exitCode()).as(live.stderr()).isZero();
    assertThat(Long.parseLong(live.stdout().lines().toList().get(2).strip())).isPositive();

    process.destroy();
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    String stdout = read(output);
    assertThat(stdout).contains("Stopped. Warehouse kept at");
    assertStackStoppedAndWarehouseKept(stdout, dataDir);
  }

  private static void assertStackStoppedAndWarehouseKept(String stdout, Path dataDir)
      throws IOException {
    Matcher m = PID.matcher(stdout);
    int children = 0;
    while (m.find()) {
      children++;
      long pid = Long.parseLong(m.group(2));
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as(m.group(1) + " (pid " + pid + ") stopped")
          .isFalse();
    }
    assertThat(children).as("kafka, rest-catalog, connect-worker").isEqualTo(3);
    try (var files = Files.walk(dataDir.resolve("warehouse"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".parquet")).count())
          .as("data files kept")
          .isPositive();
    }
    assertThat(dataDir.resolve("catalog").resolve("catalog.sqlite")).isRegularFile();
  }

  private Process quickstart(Path output, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                required("otlp.qs.jar")));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(output.toFile())
            .redirectError(output.resolveSibling("stderr.txt").toFile());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  private record Run(int exitCode, String stdout, String stderr) {}

  /** {@code java -jar ... query --data-dir DIR -} with {@code sql} on its standard input. */
  private static Run query(Path dataDir, String sql) throws Exception {
    Path out = Files.createTempFile(dataDir.getParent(), "query", ".out");
    Path err = Files.createTempFile(dataDir.getParent(), "query", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                required("otlp.qs.jar"),
                "query",
                "--data-dir",
                dataDir.toString(),
                "-")
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    Process process = builder.start();
    try (var stdin = process.getOutputStream()) {
      stdin.write(sql.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("query exits: %s", sql).isTrue();
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** The SQL blocks of README's DuckDB section, but the setup one (the query mode's own). */
  private static List<String> readmeDuckDbQueries() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("\n### DuckDB\n");
    assertThat(start).as("README's DuckDB section").isPositive();
    int end = readme.indexOf("\n## ", start);
    Matcher block =
        Pattern.compile("```sql\n(.*?)```", Pattern.DOTALL)
            .matcher(readme.substring(start, end < 0 ? readme.length() : end));
    List<String> queries = new ArrayList<>();
    while (block.find()) {
      if (!block.group(1).contains("INSTALL ")) {
        queries.add(block.group(1));
      }
    }
    return queries;
  }

  private static Path workDir(String name) throws IOException {
    Path dir = Path.of(required("otlp.qs.workDir")).resolve(name);
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static void add(Map<Signal, List<byte[]>> records, Signal signal, byte[] value) {
    records.computeIfAbsent(signal, s -> new ArrayList<>()).add(value);
  }

  private static byte[] sample(String name) throws IOException {
    try (InputStream in = QuickstartIT.class.getResourceAsStream("/samples/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static ExportTraceServiceRequest twoSpanTrace() {
    ByteString trace =
        ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
    ByteString parent = ByteString.copyFrom(new byte[] {1, 1, 1, 1, 1, 1, 1, 1});
    long t = 1_700_000_000_000_000_000L;
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("service.name", "it-service")))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .addSpans(
                            Span.newBuilder()
                                .setTraceId(trace)
                                .setSpanId(parent)
                                .setName("parent")
                                .setStartTimeUnixNano(t)
                                .setEndTimeUnixNano(t + 5_000_000))
                        .addSpans(
                            Span.newBuilder()
                                .setTraceId(trace)
                                .setSpanId(ByteString.copyFrom(new byte[] {2, 2, 2, 2, 2, 2, 2, 2}))
                                .setParentSpanId(parent)
                                .setName("child")
                                .setStartTimeUnixNano(t + 1_000_000)
                                .setEndTimeUnixNano(t + 2_000_000))))
        .build();
  }

  private static ExportMetricsServiceRequest gaugeAndSummary() {
    long t = 1_700_000_000_000_000_000L;
    Gauge.Builder gauge = Gauge.newBuilder();
    for (int i = 0; i < 3; i++) {
      gauge.addDataPoints(
          NumberDataPoint.newBuilder()
              .setTimeUnixNano(t + i)
              .setAsDouble(i)
              .addAttributes(kv("cpu", String.valueOf(i))));
    }
    Summary.Builder summary = Summary.newBuilder();
    for (int i = 0; i < 2; i++) {
      summary.addDataPoints(
          SummaryDataPoint.newBuilder()
              .setTimeUnixNano(t + i)
              .setCount(3)
              .setSum(9.5)
              .addQuantileValues(
                  SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(3)));
    }
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv("service.name", "it-service")))
                .addScopeMetrics(
                    ScopeMetrics.newBuilder()
                        .addMetrics(Metric.newBuilder().setName("it.gauge").setGauge(gauge))
                        .addMetrics(Metric.newBuilder().setName("it.summary").setSummary(summary))))
        .build();
  }

  private static String required(String key) {
    String value = System.getProperty(key);
    if (value == null) {
      throw new IllegalStateException(key + " is not set: run with mvn verify");
    }
    return value;
  }
}
