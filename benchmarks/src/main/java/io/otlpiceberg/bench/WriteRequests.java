package io.otlpiceberg.bench;

import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.telemetry.VariedRequests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the benchmark's export requests as protobuf files, so other tools can take the same input.
 *
 * <ul>
 *   <li>{@code WriteRequests DIR}: the three requests of {@link DecodeBenchmark} (500 rows each) as
 *       {@code DIR/traces.pb}, {@code logs.pb}, {@code metrics.pb}; e.g. for otlp-inspect, to
 *       compare the bytes on Kafka with the same rows as JSON (the README's cost comparison);
 *   <li>{@code WriteRequests DIR N}: a stream of {@code N} varied requests per signal ({@link
 *       VariedRequests#traces(int)}) as {@code DIR/traces/000000.pb} ..., the layout the
 *       quickstart's {@code --input DIR} produces from.
 * </ul>
 */
public final class WriteRequests {
  private WriteRequests() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : ".");
    Files.createDirectories(dir);
    if (args.length < 2) {
      Files.write(dir.resolve("traces.pb"), VariedRequests.traces().toByteArray());
      Files.write(dir.resolve("logs.pb"), VariedRequests.logs().toByteArray());
      Files.write(dir.resolve("metrics.pb"), VariedRequests.metrics().toByteArray());
      return;
    }
    int n = Integer.parseInt(args[1]);
    long bytes = 0;
    for (Signal signal : Signal.values()) {
      Path signalDir = Files.createDirectories(dir.resolve(signal.label()));
      for (int i = 0; i < n; i++) {
        byte[] request = request(signal, i);
        Files.write(signalDir.resolve(String.format("%06d.pb", i)), request);
        bytes += request.length;
      }
    }
    System.out.printf("%d requests per signal, %d bytes of OTLP protobuf in %s%n", n, bytes, dir);
  }

  /** The protobuf bytes of the {@code index}-th request of a signal's varied stream. */
  public static byte[] request(Signal signal, int index) {
    return switch (signal) {
      case TRACES -> VariedRequests.traces(index).toByteArray();
      case LOGS -> VariedRequests.logs(index).toByteArray();
      case METRICS -> VariedRequests.metrics(index).toByteArray();
    };
  }
}
