package io.otlpiceberg.rows;

import static io.otlpiceberg.tables.LogsColumns.*;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.otlpiceberg.decode.OtlpDecodeException;
import io.otlpiceberg.tables.OtlpTable;

/** One {@code logs} row per log record; events are log records with an {@code event_name}. */
public final class LogRows {
  private static final RowLayout LAYOUT = RowLayout.of(OtlpTable.LOGS);

  private LogRows() {}

  public static void append(ExportLogsServiceRequest request, TableRows out)
      throws OtlpDecodeException {
    for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
      Source resource = Source.resource(resourceLogs.getResource(), resourceLogs.getSchemaUrl());
      for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
        Source source = resource.scope(scopeLogs.getScope(), scopeLogs.getSchemaUrl());
        for (LogRecord log : scopeLogs.getLogRecordsList()) {
          out.add(OtlpTable.LOGS, row(log, source));
        }
      }
    }
  }

  private static Row row(LogRecord log, Source source) throws OtlpDecodeException {
    Row row = new Row(LAYOUT);
    long time = log.getTimeUnixNano();
    long observed = log.getObservedTimeUnixNano();
    // Many sources only know when the Collector saw the record.
    row.set(TIMESTAMP, Times.timestamp(time != 0 ? time : observed));
    row.set(TIME_UNIX_NANO, time);
    row.set(OBSERVED_TIME_UNIX_NANO, observed);
    row.set(SERVICE_NAME, source.serviceName());
    row.set(SEVERITY_NUMBER, log.getSeverityNumberValue());
    row.set(SEVERITY_TEXT, log.getSeverityText());
    AnyValue body = log.getBody();
    row.set(BODY, AnyValues.asString(body));
    row.set(BODY_TYPE, AnyValues.typeName(body));
    row.set(EVENT_NAME, log.getEventName());
    row.set(TRACE_ID, Ids.traceId(log.getTraceId(), "log record"));
    row.set(SPAN_ID, Ids.spanId(log.getSpanId(), "log record"));
    row.set(FLAGS, log.getFlags());
    row.set(ATTRIBUTES, Attributes.of(log.getAttributesList()));
    row.set(DROPPED_ATTRIBUTES_COUNT, log.getDroppedAttributesCount());
    source.fill(row, SOURCE);
    return row;
  }
}
