package io.otlpiceberg.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otlpiceberg.OtlpJsonFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpInspectTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  private record Result(int status, List<JsonNode> rows, String stderr) {}

  private Result run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = OtlpInspect.run(args, out, new PrintStream(err, true, StandardCharsets.UTF_8));
    List<JsonNode> rows = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        rows.add(MAPPER.readTree(line));
      }
    }
    return new Result(status, rows, err.toString(StandardCharsets.UTF_8));
  }

  private Path file(String name, byte[] bytes) throws Exception {
    return Files.write(dir.resolve(name), bytes);
  }

  @Test
  void printsOneJsonObjectPerRowWithTableAndColumns() throws Exception {
    Path metrics = file("metrics.json", OtlpJsonFixtures.sample("metrics.json"));

    Result result = run("--signal", "metrics", metrics.toString());

    assertThat(result.status()).isZero();
    assertThat(result.rows())
        .extracting(r -> r.get("table").asText())
        .containsExactly(
            "metrics_gauge", "metrics_sum", "metrics_histogram", "metrics_exponential_histogram");
    JsonNode histogram = result.rows().get(2);
    assertThat(histogram.get("timestamp").asText()).isEqualTo("2018-12-13T14:51:00.300Z");
    assertThat(histogram.get("time_unix_nano").isIntegralNumber()).isTrue();
    assertThat(histogram.get("time_unix_nano").asLong()).isEqualTo(1544712660300000000L);
    assertThat(histogram.get("count").asLong()).isEqualTo(2);
    assertThat(histogram.get("bucket_counts").toString()).isEqualTo("[1,1]");
    assertThat(histogram.get("attributes").get("my.histogram.attr").asText())
        .isEqualTo("some value");
    assertThat(histogram.get("service_name").asText()).isEqualTo("my.service");
  }

  @Test
  void badFileIsReportedOnOneLineAndTheOthersStillDecode() throws Exception {
    Path good = file("trace.json", OtlpJsonFixtures.sample("trace.json"));
    Path bad = file("dlq-record.bin", new byte[] {0x0a, (byte) 0xff, (byte) 0xff, 1});
    Path missing = dir.resolve("missing.bin");

    Result result = run("--signal", "traces", bad.toString(), good.toString(), missing.toString());

    assertThat(result.status()).isEqualTo(1);
    assertThat(result.rows()).hasSize(1);
    assertThat(result.rows().get(0).get("trace_id").asText())
        .isEqualTo("5b8efff798038103d269b633813fc60c");
    String[] errors = result.stderr().strip().split("\n");
    assertThat(errors).hasSize(2);
    assertThat(errors[0]).startsWith(bad + ": cannot decode as OTLP traces: invalid protobuf");
    assertThat(errors[1]).startsWith(missing + ": no such file");
    assertThat(result.stderr()).doesNotContain("\tat ");
  }

  @Test
  void summaryCountsRowsPerTable() throws Exception {
    Path logs = file("logs.json", OtlpJsonFixtures.sample("logs.json"));
    Path events = file("events.json", OtlpJsonFixtures.sample("events.json"));

    Result result = run("--summary", "--signal", "logs", logs.toString(), events.toString());

    assertThat(result.status()).isZero();
    assertThat(result.rows()).hasSize(1);
    assertThat(result.rows().get(0).toString())
        .isEqualTo(
            "{\"traces\":0,\"logs\":2,\"metrics_gauge\":0,\"metrics_sum\":0,"
                + "\"metrics_histogram\":0,\"metrics_exponential_histogram\":0,\"metrics_summary\":0}");
  }

  @Test
  void usageErrorsExitWithTwo() throws Exception {
    assertThat(run("some.bin").status()).isEqualTo(2);
    assertThat(run("--signal", "spans", "x").stderr()).contains("traces, logs or metrics");
    assertThat(run("--signal=foo", "x").stderr())
        .contains("--signal must be traces, logs or metrics, not 'foo'")
        .doesNotContain("required");
  }
}
