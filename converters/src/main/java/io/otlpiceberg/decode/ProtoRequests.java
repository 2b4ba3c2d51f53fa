package io.otlpiceberg.decode;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Map;

/**
 * Parses protobuf export requests with the opentelemetry-proto classes. protobuf-java bounds
 * recursion and never allocates more than the input holds, so hostile bytes fail fast.
 *
 * <p>Requests of the three signals share their outer shape (field 1 holds the resource entries
 * in all three), so a record of the wrong signal often parses "successfully" with its fields
 * filed as unknown. Protobuf never changes a field's wire type, so an unknown field whose number
 * the schema does define is proof of a wrong signal, not of a newer schema; such requests are
 * refused here. (Wrong id lengths, the other symptom, are refused by the row builders.)
 */
final class ProtoRequests {
  private ProtoRequests() {}

  static ExportTraceServiceRequest traces(Payload payload) throws OtlpDecodeException {
    ExportTraceServiceRequest request;
    try {
      request = ExportTraceServiceRequest.parseFrom(input(payload));
    } catch (IOException e) {
      throw invalid(e);
    }
    checkFields(request, "ExportTraceServiceRequest");
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      checkFields(resourceSpans, "ResourceSpans");
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        checkFields(scopeSpans, "ScopeSpans");
        for (Span span : scopeSpans.getSpansList()) {
          checkFields(span, "Span");
        }
      }
    }
    return request;
  }

  static ExportLogsServiceRequest logs(Payload payload) throws OtlpDecodeException {
    ExportLogsServiceRequest request;
    try {
      request = ExportLogsServiceRequest.parseFrom(input(payload));
    } catch (IOException e) {
      throw invalid(e);
    }
    checkFields(request, "ExportLogsServiceRequest");
    for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
      checkFields(resourceLogs, "ResourceLogs");
      for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
        checkFields(scopeLogs, "ScopeLogs");
        for (LogRecord log : scopeLogs.getLogRecordsList()) {
          checkFields(log, "LogRecord");
        }
      }
    }
    return request;
  }

  static ExportMetricsServiceRequest metrics(Payload payload) throws OtlpDecodeException {
    ExportMetricsServiceRequest request;
    try {
      request = ExportMetricsServiceRequest.parseFrom(input(payload));
    } catch (IOException e) {
      throw invalid(e);
    }
    checkFields(request, "ExportMetricsServiceRequest");
    for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
      checkFields(resourceMetrics, "ResourceMetrics");
      for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
        checkFields(scopeMetrics, "ScopeMetrics");
        for (Metric metric : scopeMetrics.getMetricsList()) {
          checkFields(metric, "Metric");
        }
      }
    }
    return request;
  }

  /**
   * Message nesting protobuf-java accepts. Its default, 100, refuses an AnyValue map nested 32
   * levels deep, which the Collector (Go's limit is 10,000) forwards; 400 takes about 130 map
   * levels and still keeps a parse, and the row builders' walk of the value, far inside a
   * thread's stack.
   */
  static final int RECURSION_LIMIT = 400;

  private static CodedInputStream input(Payload payload) {
    CodedInputStream input =
        CodedInputStream.newInstance(payload.bytes, payload.offset, payload.length);
    input.setRecursionLimit(RECURSION_LIMIT);
    return input;
  }

  private static OtlpDecodeException invalid(IOException e) {
    return new OtlpDecodeException("invalid protobuf: " + e.getMessage(), e);
  }

  private static void checkFields(Message message, String type) throws OtlpDecodeException {
    Map<Integer, ?> unknown = message.getUnknownFields().asMap();
    if (unknown.isEmpty()) {
      return;
    }
    for (Integer number : unknown.keySet()) {
      if (message.getDescriptorForType().findFieldByNumber(number) != null) {
        throw new OtlpDecodeException(
            String.format(
                "%s field %d (%s) has the wrong wire type: the record is not a request of this"
                    + " signal (is the topic mapped to the right signal?)",
                type,
                number,
                message.getDescriptorForType().findFieldByNumber(number).getName()));
      }
    }
  }
}
