package io.otlpiceberg.converter;

import static io.otlpiceberg.OtlpJsonFixtures.parse;
import static io.otlpiceberg.OtlpJsonFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/**
 * Thousands of mutated and random record values: each must either decode or raise a {@link
 * DataException}, never anything else, never hang. Seeded, so a failure replays.
 */
class FuzzTest {
  private static final long SEED = 20261122L;
  private static final int CASES_PER_SEED = 4000;

  private static final OtlpConverter CONVERTER = new OtlpConverter();

  static {
    CONVERTER.configure(Map.of(), false);
  }

  private static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    for (String name : List.of("trace.json", "logs.json", "events.json", "metrics.json")) {
      seeds.add(sample(name));
    }
    seeds.add(
        parse(sample("trace.json"), ExportTraceServiceRequest.newBuilder()).build().toByteArray());
    seeds.add(
        parse(sample("logs.json"), ExportLogsServiceRequest.newBuilder()).build().toByteArray());
    seeds.add(
        parse(sample("metrics.json"), ExportMetricsServiceRequest.newBuilder())
            .build()
            .toByteArray());
    return seeds;
  }

  private static byte[] mutate(byte[] input, Random random) {
    byte[] out = input.clone();
    int mutations = 1 + random.nextInt(8);
    for (int m = 0; m < mutations; m++) {
      if (out.length == 0) {
        return new byte[] {(byte) random.nextInt(256)};
      }
      int at = random.nextInt(out.length);
      switch (random.nextInt(7)) {
        case 0: // flip a bit
          out[at] ^= (byte) (1 << random.nextInt(8));
          break;
        case 1: // random byte
          out[at] = (byte) random.nextInt(256);
          break;
        case 2: // truncate
          out = Arrays.copyOf(out, at);
          break;
        case 3: // a large varint-looking run (hostile lengths)
          for (int i = at; i < Math.min(out.length, at + 5); i++) {
            out[i] = (byte) 0xff;
          }
          break;
        case 4: // duplicate a slice
          int len = Math.min(out.length - at, 1 + random.nextInt(64));
          byte[] grown = Arrays.copyOf(out, out.length + len);
          System.arraycopy(out, at, grown, out.length, len);
          out = grown;
          break;
        case 5: // interesting JSON and frame bytes
          byte[] special = {'{', '}', '[', ']', '"', '\\', ':', ',', 0, 3, 5, '-', 'e', '9'};
          out[at] = special[random.nextInt(special.length)];
          break;
        default: // delete a byte
          byte[] shorter = new byte[out.length - 1];
          System.arraycopy(out, 0, shorter, 0, at);
          System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
          out = shorter;
      }
    }
    return out;
  }

  private static int[] feed(byte[] value, int[] outcome) {
    for (String topic : List.of("otlp_spans", "otlp_logs", "otlp_metrics")) {
      try {
        Object rows = CONVERTER.toConnectData(topic, value).value();
        assertThat(rows).isInstanceOf(Map.class);
        outcome[0]++;
      } catch (DataException expected) {
        assertThat(expected.getMessage()).contains("topic '" + topic + "'");
        outcome[1]++;
      }
    }
    return outcome;
  }

  @Test
  void mutatedSamplesDecodeOrRaiseDataException() {
    Random random = new Random(SEED);
    List<byte[]> seeds = seeds();
    int[] outcome = new int[2];
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          for (byte[] seed : seeds) {
            for (int i = 0; i < CASES_PER_SEED; i++) {
              feed(mutate(seed, random), outcome);
            }
          }
        });
    // Both outcomes must occur, or the mutations are not reaching the decoder.
    assertThat(outcome[0]).isGreaterThan(100);
    assertThat(outcome[1]).isGreaterThan(1000);
  }

  @Test
  void randomBytesDecodeOrRaiseDataException() {
    Random random = new Random(SEED + 1);
    int[] outcome = new int[2];
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          for (int i = 0; i < 10_000; i++) {
            byte[] value = new byte[random.nextInt(2048)];
            random.nextBytes(value);
            if (i % 4 == 0 && value.length > 0) {
              value[0] = (byte) (i % 8 == 0 ? 0 : 3); // reach the frame parsers too
            }
            feed(value, outcome);
          }
        });
    assertThat(outcome[1]).isGreaterThan(10_000);
  }
}
