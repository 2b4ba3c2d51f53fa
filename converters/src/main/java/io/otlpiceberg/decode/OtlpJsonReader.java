package io.otlpiceberg.decode;

import static io.otlpiceberg.decode.JsonFields.*;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;

/**
 * Reads OTLP/JSON export requests into the opentelemetry-proto messages, streaming, field by
 * field. Protobuf's own JSON parser cannot: OTLP writes trace and span ids as hex, not base64.
 * Unknown fields are skipped, as the OTLP specification asks; JSON nesting is bounded so a
 * hostile document fails fast instead of exhausting the stack.
 */
final class OtlpJsonReader {
  /**
   * About what {@link ProtoRequests#RECURSION_LIMIT} allows for nested AnyValues, in JSON levels:
   * a map level is three messages (AnyValue, KeyValueList, KeyValue) and four JSON levels.
   */
  static final int MAX_NESTING_DEPTH = ProtoRequests.RECURSION_LIMIT * 4 / 3;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_NESTING_DEPTH)
                  .maxNumberLength(400)
                  .build())
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();

  private OtlpJsonReader() {}

  static ExportTraceServiceRequest traces(Payload payload) throws IOException, OtlpDecodeException {
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    try (JsonParser p = open(payload)) {
      while (nextField(p)) {
        String field = p.currentName();
        if (field.equals("resourceSpans") || field.equals("resource_spans")) {
          forEach(p, field, () -> request.addResourceSpans(resourceSpans(p)));
        } else {
          otherTopLevelField(p, field, Signal.TRACES);
        }
      }
      end(p);
    }
    return request.build();
  }

  static ExportLogsServiceRequest logs(Payload payload) throws IOException, OtlpDecodeException {
    ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
    try (JsonParser p = open(payload)) {
      while (nextField(p)) {
        String field = p.currentName();
        if (field.equals("resourceLogs") || field.equals("resource_logs")) {
          forEach(p, field, () -> request.addResourceLogs(resourceLogs(p)));
        } else {
          otherTopLevelField(p, field, Signal.LOGS);
        }
      }
      end(p);
    }
    return request.build();
  }

  static ExportMetricsServiceRequest metrics(Payload payload)
      throws IOException, OtlpDecodeException {
    ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
    try (JsonParser p = open(payload)) {
      while (nextField(p)) {
        String field = p.currentName();
        if (field.equals("resourceMetrics") || field.equals("resource_metrics")) {
          forEach(p, field, () -> request.addResourceMetrics(resourceMetrics(p)));
        } else {
          otherTopLevelField(p, field, Signal.METRICS);
        }
      }
      end(p);
    }
    return request.build();
  }

  // ---- structure -------------------------------------------------------------------------

  private static JsonParser open(Payload payload) throws IOException, OtlpDecodeException {
    JsonParser p = FACTORY.createParser(payload.bytes, payload.offset, payload.length);
    if (p.nextToken() != JsonToken.START_OBJECT) {
      p.close();
      throw new OtlpDecodeException("OTLP/JSON must be an object");
    }
    return p;
  }

  /** Another signal's data at the top level means the topic is mapped to the wrong signal. */
  private static void otherTopLevelField(JsonParser p, String field, Signal expected)
      throws IOException, OtlpDecodeException {
    for (Signal signal : Signal.values()) {
      if (signal != expected && camel(field).equals(signal.jsonField())) {
        throw new OtlpDecodeException(
            String.format(
                "found '%s': this is a %s request, but the topic is mapped to %s",
                field, signal.label(), expected.label()));
      }
    }
    p.skipChildren();
  }

  private static void end(JsonParser p) throws IOException, OtlpDecodeException {
    if (p.nextToken() != null) {
      throw new OtlpDecodeException("unexpected content after the OTLP/JSON object");
    }
  }

  /**
   * Moves to the next field of the current object and onto its value; false at the object's end.
   * A null value counts as absent, as in protobuf JSON.
   */
  private static boolean nextField(JsonParser p) throws IOException, OtlpDecodeException {
    while (true) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.END_OBJECT) {
        return false;
      }
      if (t != JsonToken.FIELD_NAME) {
        throw new OtlpDecodeException("malformed OTLP/JSON object near " + p.currentLocation());
      }
      if (p.nextToken() != JsonToken.VALUE_NULL) {
        return true;
      }
    }
  }

  private interface Element {
    void read() throws IOException, OtlpDecodeException;
  }

  private static void forEach(JsonParser p, String field, Element element)
      throws IOException, OtlpDecodeException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw unexpected(p, field, "an array");
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() == null) {
        throw unexpected(p, field, "the end of the array");
      }
      element.read();
    }
  }

  private static void object(JsonParser p, String field) throws IOException, OtlpDecodeException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw unexpected(p, field, "an object");
    }
  }

  // ---- shared messages -------------------------------------------------------------------

  private static Resource resource(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "resource");
    Resource.Builder b = Resource.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "attributes":
          forEach(p, field, () -> b.addAttributes(keyValue(p)));
          break;
        case "droppedAttributesCount":
          b.setDroppedAttributesCount(uint32(p, field));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static InstrumentationScope scope(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "scope");
    InstrumentationScope.Builder b = InstrumentationScope.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "name":
          b.setName(string(p, field));
          break;
        case "version":
          b.setVersion(string(p, field));
          break;
        case "attributes":
          forEach(p, field, () -> b.addAttributes(keyValue(p)));
          break;
        case "droppedAttributesCount":
          b.setDroppedAttributesCount(uint32(p, field));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static KeyValue keyValue(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "attributes");
    KeyValue.Builder b = KeyValue.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (field) {
        case "key":
          b.setKey(string(p, field));
          break;
        case "value":
          b.setValue(anyValue(p));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static AnyValue anyValue(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "value");
    AnyValue.Builder b = AnyValue.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "stringValue":
          b.setStringValue(string(p, field));
          break;
        case "boolValue":
          b.setBoolValue(bool(p, field));
          break;
        case "intValue":
          b.setIntValue(int64(p, field));
          break;
        case "doubleValue":
          b.setDoubleValue(float64(p, field));
          break;
        case "bytesValue":
          b.setBytesValue(base64(p, field));
          break;
        case "arrayValue":
          object(p, field);
          ArrayValue.Builder array = ArrayValue.newBuilder();
          while (nextField(p)) {
            if (p.currentName().equals("values")) {
              forEach(p, "values", () -> array.addValues(anyValue(p)));
            } else {
              p.skipChildren();
            }
          }
          b.setArrayValue(array);
          break;
        case "kvlistValue":
          object(p, field);
          KeyValueList.Builder list = KeyValueList.newBuilder();
          while (nextField(p)) {
            if (p.currentName().equals("values")) {
              forEach(p, "values", () -> list.addValues(keyValue(p)));
            } else {
              p.skipChildren();
            }
          }
          b.setKvlistValue(list);
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  // ---- traces ----------------------------------------------------------------------------

  private static ResourceSpans resourceSpans(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "resourceSpans");
    ResourceSpans.Builder b = ResourceSpans.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "resource":
          b.setResource(resource(p));
          break;
        case "scopeSpans":
          forEach(p, field, () -> b.addScopeSpans(scopeSpans(p)));
          break;
        case "schemaUrl":
          b.setSchemaUrl(string(p, field));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static ScopeSpans scopeSpans(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "scopeSpans");
    ScopeSpans.Builder b = ScopeSpans.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "scope":
          b.setScope(scope(p));
          break;
        case "spans":
          forEach(p, field, () -> b.addSpans(span(p)));
          break;
        case "schemaUrl":
          b.setSchemaUrl(string(p, field));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static Span span(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "spans");
    Span.Builder b = Span.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "traceId":
          b.setTraceId(id(p, field, 16));
          break;
        case "spanId":
          b.setSpanId(id(p, field, 8));
          break;
        case "traceState":
          b.setTraceState(string(p, field));
          break;
        case "parentSpanId":
          b.setParentSpanId(id(p, field, 8));
          break;
        case "flags":
          b.setFlags(uint32(p, field));
          break;
        case "name":
          b.setName(string(p, field));
          break;
        case "kind":
          b.setKindValue(enumNumber(p, field, Span.SpanKind.getDescriptor()));
          break;
        case "startTimeUnixNano":
          b.setStartTimeUnixNano(uint64(p, field));
          break;
        case "endTimeUnixNano":
          b.setEndTimeUnixNano(uint64(p, field));
          break;
        case "attributes":
          forEach(p, field, () -> b.addAttributes(keyValue(p)));
          break;
        case "droppedAttributesCount":
          b.setDroppedAttributesCount(uint32(p, field));
          break;
        case "events":
          forEach(p, field, () -> b.addEvents(event(p)));
          break;
        case "droppedEventsCount":
          b.setDroppedEventsCount(uint32(p, field));
          break;
        case "links":
          forEach(p, field, () -> b.addLinks(link(p)));
          break;
        case "droppedLinksCount":
          b.setDroppedLinksCount(uint32(p, field));
          break;
        case "status":
          b.setStatus(status(p));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static Span.Event event(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "events");
    Span.Event.Builder b = Span.Event.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "timeUnixNano":
          b.setTimeUnixNano(uint64(p, field));
          break;
        case "name":
          b.setName(string(p, field));
          break;
        case "attributes":
          forEach(p, field, () -> b.addAttributes(keyValue(p)));
          break;
        case "droppedAttributesCount":
          b.setDroppedAttributesCount(uint32(p, field));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static Span.Link link(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "links");
    Span.Link.Builder b = Span.Link.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "traceId":
          b.setTraceId(id(p, field, 16));
          break;
        case "spanId":
          b.setSpanId(id(p, field, 8));
          break;
        case "traceState":
          b.setTraceState(string(p, field));
          break;
        case "attributes":
          forEach(p, field, () -> b.addAttributes(keyValue(p)));
          break;
        case "droppedAttributesCount":
          b.setDroppedAttributesCount(uint32(p, field));
          break;
        case "flags":
          b.setFlags(uint32(p, field));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static Status status(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "status");
    Status.Builder b = Status.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "message":
          b.setMessage(string(p, field));
          break;
        case "code":
          b.setCodeValue(enumNumber(p, field, Status.StatusCode.getDescriptor()));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  // ---- logs ------------------------------------------------------------------------------

  private static ResourceLogs resourceLogs(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "resourceLogs");
    ResourceLogs.Builder b = ResourceLogs.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "resource":
          b.setResource(resource(p));
          break;
        case "scopeLogs":
          forEach(p, field, () -> b.addScopeLogs(scopeLogs(p)));
          break;
        case "schemaUrl":
          b.setSchemaUrl(string(p, field));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static ScopeLogs scopeLogs(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "scopeLogs");
    ScopeLogs.Builder b = ScopeLogs.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "scope":
          b.setScope(scope(p));
          break;
        case "logRecords":
          forEach(p, field, () -> b.addLogRecords(logRecord(p)));
          break;
        case "schemaUrl":
          b.setSchemaUrl(string(p, field));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static LogRecord logRecord(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "logRecords");
    LogRecord.Builder b = LogRecord.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "timeUnixNano":
          b.setTimeUnixNano(uint64(p, field));
          break;
        case "observedTimeUnixNano":
          b.setObservedTimeUnixNano(uint64(p, field));
          break;
        case "severityNumber":
          b.setSeverityNumberValue(enumNumber(p, field, SeverityNumber.getDescriptor()));
          break;
        case "severityText":
          b.setSeverityText(string(p, field));
          break;
        case "body":
          b.setBody(anyValue(p));
          break;
        case "attributes":
          forEach(p, field, () -> b.addAttributes(keyValue(p)));
          break;
        case "droppedAttributesCount":
          b.setDroppedAttributesCount(uint32(p, field));
          break;
        case "flags":
          b.setFlags(uint32(p, field));
          break;
        case "traceId":
          b.setTraceId(id(p, field, 16));
          break;
        case "spanId":
          b.setSpanId(id(p, field, 8));
          break;
        case "eventName":
          b.setEventName(string(p, field));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  // ---- metrics ---------------------------------------------------------------------------

  private static ResourceMetrics resourceMetrics(JsonParser p)
      throws IOException, OtlpDecodeException {
    object(p, "resourceMetrics");
    ResourceMetrics.Builder b = ResourceMetrics.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "resource":
          b.setResource(resource(p));
          break;
        case "scopeMetrics":
          forEach(p, field, () -> b.addScopeMetrics(scopeMetrics(p)));
          break;
        case "schemaUrl":
          b.setSchemaUrl(string(p, field));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static ScopeMetrics scopeMetrics(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "scopeMetrics");
    ScopeMetrics.Builder b = ScopeMetrics.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "scope":
          b.setScope(scope(p));
          break;
        case "metrics":
          forEach(p, field, () -> b.addMetrics(metric(p)));
          break;
        case "schemaUrl":
          b.setSchemaUrl(string(p, field));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static Metric metric(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "metrics");
    Metric.Builder b = Metric.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "name":
          b.setName(string(p, field));
          break;
        case "description":
          b.setDescription(string(p, field));
          break;
        case "unit":
          b.setUnit(string(p, field));
          break;
        case "metadata":
          forEach(p, field, () -> b.addMetadata(keyValue(p)));
          break;
        case "gauge":
          b.setGauge(gauge(p));
          break;
        case "sum":
          b.setSum(sum(p));
          break;
        case "histogram":
          b.setHistogram(histogram(p));
          break;
        case "exponentialHistogram":
          b.setExponentialHistogram(exponentialHistogram(p));
          break;
        case "summary":
          b.setSummary(summary(p));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static Gauge gauge(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "gauge");
    Gauge.Builder b = Gauge.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      if (camel(field).equals("dataPoints")) {
        forEach(p, field, () -> b.addDataPoints(numberPoint(p)));
      } else {
        p.skipChildren();
      }
    }
    return b.build();
  }

  private static Sum sum(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "sum");
    Sum.Builder b = Sum.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "dataPoints":
          forEach(p, field, () -> b.addDataPoints(numberPoint(p)));
          break;
        case "aggregationTemporality":
          b.setAggregationTemporalityValue(
              enumNumber(p, field, AggregationTemporality.getDescriptor()));
          break;
        case "isMonotonic":
          b.setIsMonotonic(bool(p, field));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static Histogram histogram(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "histogram");
    Histogram.Builder b = Histogram.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "dataPoints":
          forEach(p, field, () -> b.addDataPoints(histogramPoint(p)));
          break;
        case "aggregationTemporality":
          b.setAggregationTemporalityValue(
              enumNumber(p, field, AggregationTemporality.getDescriptor()));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static ExponentialHistogram exponentialHistogram(JsonParser p)
      throws IOException, OtlpDecodeException {
    object(p, "exponentialHistogram");
    ExponentialHistogram.Builder b = ExponentialHistogram.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "dataPoints":
          forEach(p, field, () -> b.addDataPoints(exponentialPoint(p)));
          break;
        case "aggregationTemporality":
          b.setAggregationTemporalityValue(
              enumNumber(p, field, AggregationTemporality.getDescriptor()));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static Summary summary(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "summary");
    Summary.Builder b = Summary.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      if (camel(field).equals("dataPoints")) {
        forEach(p, field, () -> b.addDataPoints(summaryPoint(p)));
      } else {
        p.skipChildren();
      }
    }
    return b.build();
  }

  private static NumberDataPoint numberPoint(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "dataPoints");
    NumberDataPoint.Builder b = NumberDataPoint.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "attributes":
          forEach(p, field, () -> b.addAttributes(keyValue(p)));
          break;
        case "startTimeUnixNano":
          b.setStartTimeUnixNano(uint64(p, field));
          break;
        case "timeUnixNano":
          b.setTimeUnixNano(uint64(p, field));
          break;
        case "asDouble":
          b.setAsDouble(float64(p, field));
          break;
        case "asInt":
          b.setAsInt(int64(p, field));
          break;
        case "exemplars":
          forEach(p, field, () -> b.addExemplars(exemplar(p)));
          break;
        case "flags":
          b.setFlags(uint32(p, field));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static HistogramDataPoint histogramPoint(JsonParser p)
      throws IOException, OtlpDecodeException {
    object(p, "dataPoints");
    HistogramDataPoint.Builder b = HistogramDataPoint.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "attributes":
          forEach(p, field, () -> b.addAttributes(keyValue(p)));
          break;
        case "startTimeUnixNano":
          b.setStartTimeUnixNano(uint64(p, field));
          break;
        case "timeUnixNano":
          b.setTimeUnixNano(uint64(p, field));
          break;
        case "count":
          b.setCount(uint64(p, field));
          break;
        case "sum":
          b.setSum(float64(p, field));
          break;
        case "bucketCounts":
          forEach(p, field, () -> b.addBucketCounts(uint64(p, field)));
          break;
        case "explicitBounds":
          forEach(p, field, () -> b.addExplicitBounds(float64(p, field)));
          break;
        case "exemplars":
          forEach(p, field, () -> b.addExemplars(exemplar(p)));
          break;
        case "flags":
          b.setFlags(uint32(p, field));
          break;
        case "min":
          b.setMin(float64(p, field));
          break;
        case "max":
          b.setMax(float64(p, field));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static ExponentialHistogramDataPoint exponentialPoint(JsonParser p)
      throws IOException, OtlpDecodeException {
    object(p, "dataPoints");
    ExponentialHistogramDataPoint.Builder b = ExponentialHistogramDataPoint.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "attributes":
          forEach(p, field, () -> b.addAttributes(keyValue(p)));
          break;
        case "startTimeUnixNano":
          b.setStartTimeUnixNano(uint64(p, field));
          break;
        case "timeUnixNano":
          b.setTimeUnixNano(uint64(p, field));
          break;
        case "count":
          b.setCount(uint64(p, field));
          break;
        case "sum":
          b.setSum(float64(p, field));
          break;
        case "scale":
          b.setScale(int32(p, field));
          break;
        case "zeroCount":
          b.setZeroCount(uint64(p, field));
          break;
        case "positive":
          b.setPositive(buckets(p, field));
          break;
        case "negative":
          b.setNegative(buckets(p, field));
          break;
        case "flags":
          b.setFlags(uint32(p, field));
          break;
        case "exemplars":
          forEach(p, field, () -> b.addExemplars(exemplar(p)));
          break;
        case "min":
          b.setMin(float64(p, field));
          break;
        case "max":
          b.setMax(float64(p, field));
          break;
        case "zeroThreshold":
          b.setZeroThreshold(float64(p, field));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static ExponentialHistogramDataPoint.Buckets buckets(JsonParser p, String name)
      throws IOException, OtlpDecodeException {
    object(p, name);
    ExponentialHistogramDataPoint.Buckets.Builder b =
        ExponentialHistogramDataPoint.Buckets.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "offset":
          b.setOffset(int32(p, field));
          break;
        case "bucketCounts":
          forEach(p, field, () -> b.addBucketCounts(uint64(p, field)));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static SummaryDataPoint summaryPoint(JsonParser p)
      throws IOException, OtlpDecodeException {
    object(p, "dataPoints");
    SummaryDataPoint.Builder b = SummaryDataPoint.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "attributes":
          forEach(p, field, () -> b.addAttributes(keyValue(p)));
          break;
        case "startTimeUnixNano":
          b.setStartTimeUnixNano(uint64(p, field));
          break;
        case "timeUnixNano":
          b.setTimeUnixNano(uint64(p, field));
          break;
        case "count":
          b.setCount(uint64(p, field));
          break;
        case "sum":
          b.setSum(float64(p, field));
          break;
        case "quantileValues":
          forEach(p, field, () -> b.addQuantileValues(quantile(p)));
          break;
        case "flags":
          b.setFlags(uint32(p, field));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static SummaryDataPoint.ValueAtQuantile quantile(JsonParser p)
      throws IOException, OtlpDecodeException {
    object(p, "quantileValues");
    SummaryDataPoint.ValueAtQuantile.Builder b = SummaryDataPoint.ValueAtQuantile.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "quantile":
          b.setQuantile(float64(p, field));
          break;
        case "value":
          b.setValue(float64(p, field));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }

  private static Exemplar exemplar(JsonParser p) throws IOException, OtlpDecodeException {
    object(p, "exemplars");
    Exemplar.Builder b = Exemplar.newBuilder();
    while (nextField(p)) {
      String field = p.currentName();
      switch (camel(field)) {
        case "filteredAttributes":
          forEach(p, field, () -> b.addFilteredAttributes(keyValue(p)));
          break;
        case "timeUnixNano":
          b.setTimeUnixNano(uint64(p, field));
          break;
        case "asDouble":
          b.setAsDouble(float64(p, field));
          break;
        case "asInt":
          b.setAsInt(int64(p, field));
          break;
        case "spanId":
          b.setSpanId(id(p, field, 8));
          break;
        case "traceId":
          b.setTraceId(id(p, field, 16));
          break;
        default:
          p.skipChildren();
      }
    }
    return b.build();
  }
}
