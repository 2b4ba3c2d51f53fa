package io.otlpiceberg.bench;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.otlpiceberg.decode.OtlpDecodeException;
import io.otlpiceberg.decode.OtlpDecoder;
import io.otlpiceberg.decode.Signal;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decode-to-rows ({@link OtlpDecoder#decode}: frame check, parse, rows of the tables) of one
 * realistic export request per signal, in protobuf and in OTLP/JSON, beside protobuf-java's plain
 * {@code parseFrom} of the same protobuf bytes. Time per request; {@link Report} turns the results
 * into MiB/s, rows/s and the ratio to the plain parse. The inputs are {@link
 * io.otlpiceberg.telemetry.VariedRequests}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DecodeBenchmark {
  private OtlpDecoder decoder;
  private byte[] tracesProto;
  private byte[] tracesJson;
  private byte[] logsProto;
  private byte[] logsJson;
  private byte[] metricsProto;
  private byte[] metricsJson;

  @Setup(Level.Trial)
  public void setUp() {
    decoder = new OtlpDecoder();
    Input traces = Input.of(Signal.TRACES);
    Input logs = Input.of(Signal.LOGS);
    Input metrics = Input.of(Signal.METRICS);
    tracesProto = traces.proto;
    tracesJson = traces.json;
    logsProto = logs.proto;
    logsJson = logs.json;
    metricsProto = metrics.proto;
    metricsJson = metrics.json;
  }

  // ---- traces ------------------------------------------------------------------------------

  @Benchmark
  public void parseOnly_traces(Blackhole bh) throws Exception {
    bh.consume(ExportTraceServiceRequest.parseFrom(tracesProto));
  }

  @Benchmark
  public void decodeToRows_traces_proto(Blackhole bh) throws OtlpDecodeException {
    bh.consume(decoder.decode(Signal.TRACES, tracesProto));
  }

  @Benchmark
  public void decodeToRows_traces_json(Blackhole bh) throws OtlpDecodeException {
    bh.consume(decoder.decode(Signal.TRACES, tracesJson));
  }

  // ---- logs --------------------------------------------------------------------------------

  @Benchmark
  public void parseOnly_logs(Blackhole bh) throws Exception {
    bh.consume(ExportLogsServiceRequest.parseFrom(logsProto));
  }

  @Benchmark
  public void decodeToRows_logs_proto(Blackhole bh) throws OtlpDecodeException {
    bh.consume(decoder.decode(Signal.LOGS, logsProto));
  }

  @Benchmark
  public void decodeToRows_logs_json(Blackhole bh) throws OtlpDecodeException {
    bh.consume(decoder.decode(Signal.LOGS, logsJson));
  }

  // ---- metrics -----------------------------------------------------------------------------

  @Benchmark
  public void parseOnly_metrics(Blackhole bh) throws Exception {
    bh.consume(ExportMetricsServiceRequest.parseFrom(metricsProto));
  }

  @Benchmark
  public void decodeToRows_metrics_proto(Blackhole bh) throws OtlpDecodeException {
    bh.consume(decoder.decode(Signal.METRICS, metricsProto));
  }

  @Benchmark
  public void decodeToRows_metrics_json(Blackhole bh) throws OtlpDecodeException {
    bh.consume(decoder.decode(Signal.METRICS, metricsJson));
  }
}
