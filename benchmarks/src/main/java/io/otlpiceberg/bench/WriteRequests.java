package io.otlpiceberg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the benchmark's three export requests (500 rows each) as protobuf files, so other tools
 * can take the same input: e.g. otlp-inspect, to compare the bytes on Kafka with the bytes of the
 * same rows as JSON (what a Firehose transform would have to emit), used by the README's cost
 * comparison.
 */
public final class WriteRequests {
  private WriteRequests() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : ".");
    Files.createDirectories(dir);
    Files.write(dir.resolve("traces.pb"), Requests.traces().toByteArray());
    Files.write(dir.resolve("logs.pb"), Requests.logs().toByteArray());
    Files.write(dir.resolve("metrics.pb"), Requests.metrics().toByteArray());
  }
}
