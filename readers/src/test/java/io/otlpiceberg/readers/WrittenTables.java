package io.otlpiceberg.readers;

import static org.assertj.core.api.Assertions.assertThat;

import io.otlpiceberg.stack.LocalStack;
import io.otlpiceberg.stack.RestCatalogServer;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tables the connector wrote: the quickstart jar, run as a user runs it, produces each input file
 * as one record, waits until every record is committed and stops, leaving its catalog (a sqlite
 * file) and its {@code file:} warehouse in the data dir.
 */
record WrittenTables(Path dataDir, long tracesRows) {
  private static final Pattern TRACES_ROWS = Pattern.compile("\"traces\":(\\d+)");

  static WrittenTables write(QueriedTelemetry telemetry, Path workDir) throws Exception {
    Path input = workDir.resolve("input");
    telemetry.writeInput(input);
    Path dataDir = workDir.resolve("data");
    QuickstartJar.Run run =
        QuickstartJar.run(
            workDir.resolve("quickstart.txt"),
            300,
            "--input",
            input.toString(),
            "--data-dir",
            dataDir.toString(),
            "--exit-after-commit",
            "--timeout-seconds",
            "180");
    String stdout = run.output();
    assertThat(run.exitCode()).as(stdout).isZero();
    List<String> lines = stdout.lines().filter(l -> !l.isBlank()).toList();
    Matcher rows = TRACES_ROWS.matcher(lines.get(lines.size() - 1));
    assertThat(rows.find()).as(stdout).isTrue();
    long tracesRows = Long.parseLong(rows.group(1));
    assertThat(tracesRows).as("every span committed").isEqualTo(telemetry.spans.size());
    return new WrittenTables(dataDir, tracesRows);
  }

  Path catalogFile() {
    return RestCatalogServer.catalogFile(LocalStack.catalogDir(dataDir));
  }

  Path warehouse() {
    return LocalStack.warehouseDir(dataDir);
  }

  /** The catalog's name in the sqlite file: what a JDBC catalog reading it must be called. */
  static String catalogName() {
    return RestCatalogServer.BACKEND_CATALOG_NAME;
  }
}
