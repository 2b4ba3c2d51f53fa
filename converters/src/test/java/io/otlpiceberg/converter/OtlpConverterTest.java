package io.otlpiceberg.converter;

import static io.otlpiceberg.OtlpJsonFixtures.parse;
import static io.otlpiceberg.OtlpJsonFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.otlpiceberg.decode.OtlpDecodeException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class OtlpConverterTest {
  private static final byte[] TRACE_JSON = sample("trace.json");
  private static final byte[] TRACE_PROTO =
      parse(TRACE_JSON, ExportTraceServiceRequest.newBuilder()).build().toByteArray();
  private static final byte[] LOGS_PROTO =
      parse(sample("logs.json"), ExportLogsServiceRequest.newBuilder()).build().toByteArray();
  private static final byte[] METRICS_PROTO =
      parse(sample("metrics.json"), ExportMetricsServiceRequest.newBuilder()).build().toByteArray();

  private static OtlpConverter converter(Map<String, ?> config) {
    OtlpConverter converter = new OtlpConverter();
    converter.configure(config, false);
    return converter;
  }

  private static final OtlpConverter DEFAULTS = converter(Map.of());

  @SuppressWarnings("unchecked")
  private static Map<String, List<Map<String, Object>>> rows(SchemaAndValue value) {
    assertThat(value.schema()).isNull();
    return (Map<String, List<Map<String, Object>>>) value.value();
  }

  @Test
  void collectorDefaultTopicsNeedNoConfiguration() {
    assertThat(rows(DEFAULTS.toConnectData("otlp_spans", TRACE_PROTO))).containsOnlyKeys("traces");
    assertThat(rows(DEFAULTS.toConnectData("otlp_logs", LOGS_PROTO))).containsOnlyKeys("logs");
    assertThat(rows(DEFAULTS.toConnectData("otlp_metrics", METRICS_PROTO)))
        .containsOnlyKeys(
            "metrics_gauge", "metrics_sum", "metrics_histogram", "metrics_exponential_histogram");
  }

  @Test
  void configuredTopicsAndDefaultSignal() {
    OtlpConverter converter =
        converter(Map.of("traces.topics", "spans-a, spans-b", "default.signal", "logs"));
    assertThat(rows(converter.toConnectData("spans-b", TRACE_JSON))).containsOnlyKeys("traces");
    assertThat(rows(converter.toConnectData("anything", LOGS_PROTO))).containsOnlyKeys("logs");
  }

  @Test
  void unmappedTopicIsRefusedWithTheFix() {
    assertThatThrownBy(() -> DEFAULTS.toConnectData("my-topic", TRACE_PROTO))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("'my-topic'")
        .hasMessageContaining("value.converter.traces.topics");
  }

  @Test
  void refusesToBeAKeyConverter() {
    assertThatThrownBy(() -> new OtlpConverter().configure(Map.of(), true))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("value.converter")
        .hasMessageContaining(
            "key.converter=org.apache.kafka.connect.converters.ByteArrayConverter");
  }

  @Test
  void reportsThePluginVersionBuiltIntoIt() {
    // The build writes the project version into the resource; "unknown" means it was not found.
    assertThat(new OtlpConverter().version()).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void topicListedForTwoSignalsIsAConfigError() {
    assertThatThrownBy(() -> converter(Map.of("logs.topics", "otlp_spans")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'otlp_spans' is listed for both traces and logs");
    assertThatThrownBy(() -> converter(Map.of("default.signal", "spans")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("write traces, logs or metrics");
  }

  @Test
  void nullValueIsATombstoneAndEmptyRequestHasNoRows() {
    assertThat(DEFAULTS.toConnectData("otlp_spans", null)).isEqualTo(SchemaAndValue.NULL);
    assertThat(rows(DEFAULTS.toConnectData("otlp_spans", new byte[0]))).isEmpty();
    assertThat(rows(DEFAULTS.toConnectData("otlp_logs", "{}".getBytes(StandardCharsets.UTF_8))))
        .isEmpty();
  }

  @Test
  void wrongSignalIsRefusedInBothEncodings() {
    assertThatThrownBy(() -> DEFAULTS.toConnectData("otlp_spans", LOGS_PROTO))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("topic 'otlp_spans'")
        .hasMessageContaining("the bytes are a valid logs request");
    assertThatThrownBy(() -> DEFAULTS.toConnectData("otlp_logs", METRICS_PROTO))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("topic 'otlp_logs'");
    assertThatThrownBy(() -> DEFAULTS.toConnectData("otlp_metrics", TRACE_PROTO))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("topic 'otlp_metrics'");
    assertThatThrownBy(() -> DEFAULTS.toConnectData("otlp_metrics", TRACE_JSON))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("this is a traces request, but the topic is mapped to metrics");
  }

  /**
   * A map nested 48 levels deep is valid OTLP, and the Collector forwards it (Go's protobuf limit
   * is 10,000 messages); protobuf-java's default limit of 100 refused it. In both encodings.
   */
  @Test
  void anAttributeMapNested48LevelsDeepDecodes() {
    int levels = 48;
    AnyValue value = AnyValue.newBuilder().setStringValue("leaf").build();
    String json = "{\"stringValue\":\"leaf\"}";
    for (int i = 0; i < levels; i++) {
      value =
          AnyValue.newBuilder()
              .setKvlistValue(
                  KeyValueList.newBuilder()
                      .addValues(KeyValue.newBuilder().setKey("k").setValue(value)))
              .build();
      json = "{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":" + json + "}]}}";
    }
    byte[] proto =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .addSpans(
                                Span.newBuilder()
                                    .setTraceId(ByteString.copyFrom(new byte[16]))
                                    .setSpanId(
                                        ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                                    .addAttributes(
                                        KeyValue.newBuilder().setKey("deep").setValue(value)))))
            .build()
            .toByteArray();
    String jsonRequest =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":"
            + "\"0102030405060708\",\"attributes\":[{\"key\":\"deep\",\"value\":"
            + json
            + "}]}]}]}]}";
    String rendered = "{\"k\":".repeat(levels) + "\"leaf\"" + "}".repeat(levels);

    for (byte[] record : List.of(proto, jsonRequest.getBytes(StandardCharsets.UTF_8))) {
      Map<String, Object> span =
          rows(DEFAULTS.toConnectData("otlp_spans", record)).get("traces").get(0);
      assertThat(((Map<?, ?>) span.get("attributes")).get("deep")).isEqualTo(rendered);
    }
  }

  @Test
  void malformedInputsAreDataExceptionsNamingTopicAndReason() {
    byte[] truncated = Arrays.copyOf(TRACE_PROTO, TRACE_PROTO.length - 7);
    // field 1, length-delimited, with a length of 2^31-1 in a 20-byte record
    byte[] hostileLength = {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 1, 2};
    String deepJson = "{\"unknown\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    String deepAnyValue =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"attributes\":[{\"key\":\"k\",\"value\":"
            + "{\"arrayValue\":{\"values\":[".repeat(20_000)
            + "]}}".repeat(20_000)
            + "}]}]}]}]}";
    String brokenJson = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":}]}]}]}";
    // A producer that cut its message short: JSON all the same, to be reported as such.
    String cutOffJson = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"GET /";
    String badId = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz\"}]}]}]}";
    String shortId = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"abcd\"}]}]}]}";
    String hugeNumber =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"1e999999999\"}]}]}]}";
    String doubleOverflow =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"attributes\":"
            + "[{\"key\":\"d\",\"value\":{\"doubleValue\":%s}}]}]}]}]}";
    Map<byte[], String> cases =
        Map.ofEntries(
            Map.entry(
                String.format(doubleOverflow, "1e999999").getBytes(StandardCharsets.UTF_8),
                "'doubleValue' is \"1e999999\", expected a number within double's range"),
            Map.entry(
                String.format(doubleOverflow, "\"-1e999999\"").getBytes(StandardCharsets.UTF_8),
                "'doubleValue' is \"-1e999999\", expected"),
            Map.entry(truncated, "invalid protobuf"),
            Map.entry(hostileLength, "invalid protobuf"),
            Map.entry(deepJson.getBytes(StandardCharsets.UTF_8), "nesting depth"),
            Map.entry(deepAnyValue.getBytes(StandardCharsets.UTF_8), "nesting depth"),
            Map.entry(brokenJson.getBytes(StandardCharsets.UTF_8), "invalid OTLP/JSON"),
            Map.entry(cutOffJson.getBytes(StandardCharsets.UTF_8), "invalid OTLP/JSON"),
            Map.entry(badId.getBytes(StandardCharsets.UTF_8), "'traceId' is \"xyz\""),
            Map.entry(
                shortId.getBytes(StandardCharsets.UTF_8),
                "'spanId' is \"abcd\", expected 16 hex digits"),
            Map.entry(hugeNumber.getBytes(StandardCharsets.UTF_8), "'startTimeUnixNano'"),
            Map.entry(new byte[] {0, 0, 0}, "Confluent wire-format frame is truncated"),
            Map.entry(
                new byte[] {3, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17},
                "compression byte 9"));
    cases.forEach(
        (bytes, reason) ->
            assertThatThrownBy(() -> DEFAULTS.toConnectData("otlp_spans", bytes))
                .as(reason)
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("Cannot decode OTLP traces record from topic 'otlp_spans'")
                .hasMessageContaining(reason));
  }

  /** The stage that failed, for the decode-error metrics. */
  @Test
  void eachDecodeFailureSaysWhereItFailed() {
    String brokenJson = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":}]}]}]}";
    Map<byte[], OtlpDecodeException.Reason> cases =
        Map.of(
            Arrays.copyOf(TRACE_PROTO, TRACE_PROTO.length - 7),
            OtlpDecodeException.Reason.PROTOBUF,
            brokenJson.getBytes(StandardCharsets.UTF_8),
            OtlpDecodeException.Reason.JSON,
            new byte[] {0, 0, 0},
            OtlpDecodeException.Reason.FRAME);
    cases.forEach(
        (bytes, reason) ->
            assertThatThrownBy(() -> DEFAULTS.toConnectData("otlp_spans", bytes))
                .as(reason.label())
                .cause()
                .isInstanceOfSatisfying(
                    OtlpDecodeException.class, e -> assertThat(e.reason()).isEqualTo(reason)));
  }

  // ---- schema-registry frames ------------------------------------------------------------

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] confluentHeader(int schemaId) {
    return ByteBuffer.allocate(5).put((byte) 0).putInt(schemaId).array();
  }

  private static byte[] glueHeader(byte compression) {
    UUID id = UUID.fromString("b7b4a7f0-0b7e-4b1c-a3a2-8d9c3e5f6a7b");
    return ByteBuffer.allocate(18)
        .put((byte) 3)
        .put(compression)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }

  private static byte[] zlib(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater())) {
      z.write(data);
    }
    return out.toByteArray();
  }

  @Test
  void confluentFramesAreStrippedForProtobufAndJson() {
    Object expected = rows(DEFAULTS.toConnectData("otlp_spans", TRACE_PROTO));
    // message indexes: the single-byte [0] shortcut, and an explicit list [count=1, index=0]
    byte[] shortcut = concat(confluentHeader(42), new byte[] {0}, TRACE_PROTO);
    byte[] explicit = concat(confluentHeader(42), new byte[] {2, 0}, TRACE_PROTO);
    byte[] json = concat(confluentHeader(7), TRACE_JSON);
    for (byte[] framed : List.of(shortcut, explicit, json)) {
      assertThat(rows(DEFAULTS.toConnectData("otlp_spans", framed))).isEqualTo(expected);
    }
    assertThatThrownBy(
            () ->
                DEFAULTS.toConnectData(
                    "otlp_spans",
                    concat(confluentHeader(1), new byte[] {(byte) 0x80}, TRACE_PROTO)))
        .isInstanceOf(DataException.class);
  }

  @Test
  void glueFramesAreStrippedPlainAndZlibCompressed() throws Exception {
    Object expected = rows(DEFAULTS.toConnectData("otlp_logs", LOGS_PROTO));
    byte[] indexed = concat(new byte[] {0}, LOGS_PROTO);
    byte[] plain = concat(glueHeader((byte) 0), indexed);
    byte[] compressed = concat(glueHeader((byte) 5), zlib(indexed));
    byte[] json = concat(glueHeader((byte) 0), sample("logs.json"));
    for (byte[] framed : List.of(plain, compressed, json)) {
      assertThat(rows(DEFAULTS.toConnectData("otlp_logs", framed))).isEqualTo(expected);
    }
  }

  @Test
  void zlibBombIsRefused() throws Exception {
    OtlpConverter small = converter(Map.of("max.decompressed.bytes", "4096"));
    byte[] bomb = concat(glueHeader((byte) 5), zlib(new byte[10_000_000]));
    assertThat(bomb.length).isLessThan(20_000);
    assertThatThrownBy(() -> small.toConnectData("otlp_logs", bomb))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("inflates to more than 4096 bytes");
  }

  @Test
  void jsonLookingProtobufIsStillDecoded() {
    // A request whose first entry is 123 bytes long starts with "\n{", like JSON.
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    request.addResourceSpansBuilder().setSchemaUrl("x".repeat(121));
    byte[] bytes = request.build().toByteArray();
    // make the request also end with '}' so it really looks like a JSON object
    request.getResourceSpansBuilder(0).setSchemaUrl("x".repeat(120) + "}");
    bytes = request.build().toByteArray();
    assertThat(bytes[0]).isEqualTo((byte) '\n');
    assertThat(bytes[1]).isEqualTo((byte) '{');
    assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '}');
    assertThat(rows(DEFAULTS.toConnectData("otlp_spans", bytes))).isEmpty();
  }
}
