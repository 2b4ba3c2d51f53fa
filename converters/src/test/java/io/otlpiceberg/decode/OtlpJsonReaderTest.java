package io.otlpiceberg.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The reader's rules where the property test's printed requests do not reach. */
class OtlpJsonReaderTest {
  private static Message read(Signal signal, String json) throws Exception {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return OtlpJsonReader.read(signal, new Payload(bytes, 0, bytes.length));
  }

  private static Span span(String spanJson) throws Exception {
    ExportTraceServiceRequest request =
        (ExportTraceServiceRequest)
            read(
                Signal.TRACES,
                "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[" + spanJson + "]}]}]}");
    return request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
  }

  @Test
  void namesAreTakenInEitherSpellingAndMixed() throws Exception {
    Span span =
        span(
            "{\"start_time_unix_nano\":\"5\",\"endTimeUnixNano\":6,"
                + "\"dropped_attributesCount\":7,\"parent_span_id\":\"0102030405060708\"}");
    assertThat(span.getStartTimeUnixNano()).isEqualTo(5);
    assertThat(span.getEndTimeUnixNano()).isEqualTo(6);
    assertThat(span.getDroppedAttributesCount()).isEqualTo(7);
    assertThat(span.getParentSpanId().toByteArray())
        .isEqualTo(HexFormat.of().parseHex("0102030405060708"));
  }

  @Test
  void unknownFieldsAreSkippedAndNullsAreAbsent() throws Exception {
    Span span =
        span(
            "{\"name\":\"n\",\"futureField\":{\"a\":[1,{\"b\":null}]},\"kind\":null,"
                + "\"status\":null,\"other\":[[]]}");
    assertThat(span).isEqualTo(Span.newBuilder().setName("n").build());
  }

  @Test
  void idsAreHexInEitherCaseOrBase64() throws Exception {
    byte[] traceId = HexFormat.of().parseHex("0af7651916cd43dd8448eb211c80319c");
    assertThat(span("{\"traceId\":\"0AF7651916CD43DD8448EB211C80319C\"}").getTraceId())
        .isEqualTo(ByteString.copyFrom(traceId));
    assertThat(span("{\"traceId\":\"CvdlGRbNQ92ESOshHIAxnA==\"}").getTraceId())
        .isEqualTo(ByteString.copyFrom(traceId));
    assertThat(span("{\"traceId\":\"\"}").getTraceId()).isEqualTo(ByteString.EMPTY);
  }

  @Test
  void enumsAreNamesOrNumbersKeptEvenIfUnnamed() throws Exception {
    assertThat(span("{\"kind\":\"SPAN_KIND_CLIENT\"}").getKind())
        .isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
    assertThat(span("{\"kind\":3}").getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
    assertThat(span("{\"kind\":99}").getKindValue()).isEqualTo(99);
    assertThatThrownBy(() -> span("{\"kind\":\"CLIENT\"}"))
        .isInstanceOf(OtlpDecodeException.class)
        .hasMessage("'kind' is \"CLIENT\", not a SpanKind name");
    // As before: a string is a name, not a number in quotes.
    assertThatThrownBy(() -> span("{\"kind\":\"3\"}"))
        .hasMessage("'kind' is \"3\", not a SpanKind name");
  }

  @Test
  void numbersFollowProtobufJson() throws Exception {
    Span span =
        span(
            "{\"startTimeUnixNano\":\"18446744073709551615\",\"flags\":4294967295,"
                + "\"droppedEventsCount\":\"2\",\"endTimeUnixNano\":1e3}");
    assertThat(span.getStartTimeUnixNano()).isEqualTo(-1L);
    assertThat(span.getFlags()).isEqualTo(-1);
    assertThat(span.getDroppedEventsCount()).isEqualTo(2);
    assertThat(span.getEndTimeUnixNano()).isEqualTo(1000);
    assertThatThrownBy(() -> span("{\"flags\":4294967296}"))
        .hasMessage("'flags' is 4294967296, out of range");
    assertThatThrownBy(() -> span("{\"startTimeUnixNano\":\"-1\"}"))
        .hasMessage("'startTimeUnixNano' is -1, out of range");
    assertThatThrownBy(() -> span("{\"startTimeUnixNano\":1.5}"))
        .hasMessageStartingWith("'startTimeUnixNano' is \"1.5\", expected an integer");
  }

  @Test
  void valuesOfTheWrongKindAreRefusedNamingTheField() {
    assertThatThrownBy(() -> span("{\"name\":5}"))
        .hasMessageStartingWith("'name' is \"5\", expected a string");
    assertThatThrownBy(() -> span("{\"attributes\":{}}"))
        .hasMessageStartingWith("'attributes' is an object, expected an array");
    assertThatThrownBy(() -> span("{\"status\":\"OK\"}"))
        .hasMessageStartingWith("'status' is \"OK\", expected an object");
    assertThatThrownBy(() -> span("{\"events\":[null]}"))
        .hasMessageStartingWith("'events' is \"null\", expected an object");
  }

  /** As the hand-written reader did: a message given twice is the last one, not a merge. */
  @Test
  void aMessageGivenTwiceIsTheLast() throws Exception {
    Span span = span("{\"status\":{\"message\":\"a\",\"code\":2},\"status\":{\"message\":\"b\"}}");
    assertThat(span.getStatus().getMessage()).isEqualTo("b");
    assertThat(span.getStatus().getCodeValue()).isEqualTo(0);
  }

  @Test
  void theLastMemberOfAOneofWins() throws Exception {
    Span span =
        span(
            "{\"attributes\":[{\"key\":\"k\","
                + "\"value\":{\"stringValue\":\"s\",\"intValue\":\"7\"}}]}");
    assertThat(span.getAttributes(0).getValue())
        .isEqualTo(AnyValue.newBuilder().setIntValue(7).build());
  }

  /** Fields the hand-written reader dropped without a word: it had no case for them. */
  @Test
  void fieldsTheProtoAddedAreRead() throws Exception {
    ExportLogsServiceRequest request =
        (ExportLogsServiceRequest)
            read(
                Signal.LOGS,
                "{\"resourceLogs\":[{\"resource\":{\"entityRefs\":[{\"type\":\"service\","
                    + "\"idKeys\":[\"service.name\"]}]},\"scopeLogs\":[{\"logRecords\":[{\"attributes\":"
                    + "[{\"keyStrindex\":3,\"value\":{\"stringValueStrindex\":4}}]}]}]}]}");
    Resource resource = request.getResourceLogs(0).getResource();
    assertThat(resource.getEntityRefs(0).getType()).isEqualTo("service");
    assertThat(resource.getEntityRefs(0).getIdKeysList()).containsExactly("service.name");
    LogRecord log = request.getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
    assertThat(log.getAttributes(0))
        .isEqualTo(
            KeyValue.newBuilder()
                .setKeyStrindex(3)
                .setValue(AnyValue.newBuilder().setStringValueStrindex(4))
                .build());
  }

  @Test
  void anotherSignalsRequestIsNamed() {
    assertThatThrownBy(() -> read(Signal.METRICS, "{\"resource_logs\":[]}"))
        .hasMessage(
            "found 'resource_logs': this is a logs request, but the topic is mapped to metrics");
  }
}
