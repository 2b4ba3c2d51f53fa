package io.otlpiceberg.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otlpiceberg.catalog.TableCommit;
import io.otlpiceberg.events.CommitEventJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MSK example's Lambda (config-examples/msk-connect/commit_events_lambda.py) reads the events
 * the connector publishes, in the batch shape an MSK event source mapping delivers (records by
 * topic-partition, values in base64), and asks for the exports they call for.
 */
class CommitEventsLambdaTest {
  private static final Path LAMBDA =
      Path.of("..", "config-examples", "msk-connect", "commit_events_lambda.py");
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void eachTableAndDayIsExportedOnceAsOfItsNewestSnapshot() throws Exception {
    TableIdentifier traces = TableIdentifier.of("otel", "traces");
    TableIdentifier logs = TableIdentifier.of("otel", "logs");
    LocalDate dec3 = LocalDate.parse("2026-12-03");
    LocalDate dec4 = LocalDate.parse("2026-12-04");
    List<String> events =
        List.of(
            CommitEventJson.of(commit(traces, 11L, 5L, List.of(dec3, dec4)), "otlp-iceberg"),
            CommitEventJson.of(commit(logs, 21L, 2L, List.of(dec4)), "otlp-iceberg"),
            CommitEventJson.of(commit(traces, 12L, 6L, List.of(dec4)), "otlp-iceberg"));
    Files.writeString(dir.resolve("event.json"), mskEvent("otlp-commits", events));

    ScriptRun run =
        ScriptRun.run(
            Map.of("PATH", System.getenv("PATH")),
            dir,
            List.of(
                "python3",
                "-c",
                "import json, sys; sys.path.insert(0, sys.argv[1]); import commit_events_lambda as f;"
                    + " todo = f.exports(json.load(open('event.json')));"
                    + " print(json.dumps([dict(e, sql=f.query(e)) for e in todo]))",
                LAMBDA.toAbsolutePath().getParent().toString()));

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    List<String> exports = new ArrayList<>();
    for (JsonNode export : JSON.readTree(run.stdout())) {
      exports.add(
          export.get("table").asText()
              + " "
              + export.get("day").asText()
              + " @"
              + export.get("snapshot_id").asLong());
    }
    assertThat(exports)
        .containsExactly(
            "otel.traces 2026-12-03 @11", "otel.traces 2026-12-04 @12", "otel.logs 2026-12-04 @21");
    assertThat(JSON.readTree(run.stdout()).get(1).get("sql").asText())
        .isEqualTo(
            "SELECT * FROM \"otel\".\"traces\" FOR VERSION AS OF 12 WHERE \"timestamp\" >="
                + " TIMESTAMP '2026-12-04 00:00:00 UTC' AND \"timestamp\" < TIMESTAMP '2026-12-04"
                + " 00:00:00 UTC' + INTERVAL '1' DAY");
  }

  private static TableCommit commit(
      TableIdentifier table, long snapshot, long sequence, List<LocalDate> days) {
    return new TableCommit(
        table,
        snapshot,
        sequence,
        1_764_820_000_000L,
        100,
        2,
        days,
        1_764_720_000_000_000L,
        1_764_820_000_000_000L);
  }

  /** The event an MSK trigger gives a function: records grouped by "topic-partition". */
  private static String mskEvent(String topic, List<String> values) throws Exception {
    List<Map<String, Object>> records = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      records.add(
          Map.of(
              "topic",
              topic,
              "partition",
              0,
              "offset",
              i,
              "timestamp",
              1_764_820_000_000L,
              "timestampType",
              "CREATE_TIME",
              "value",
              Base64.getEncoder().encodeToString(values.get(i).getBytes(StandardCharsets.UTF_8))));
    }
    return JSON.writeValueAsString(
        Map.of("eventSource", "aws:kafka", "records", Map.of(topic + "-0", records)));
  }
}
