package io.otlpiceberg.rows;

import static io.otlpiceberg.tables.TracesColumns.*;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.otlpiceberg.decode.OtlpDecodeException;
import io.otlpiceberg.tables.OtlpTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One {@code traces} row per span. */
public final class TraceRows {
  private static final RowLayout LAYOUT = RowLayout.of(OtlpTable.TRACES);
  private static final RowLayout EVENT = RowLayout.ofListElement(OtlpTable.TRACES, "events");
  private static final RowLayout LINK = RowLayout.ofListElement(OtlpTable.TRACES, "links");

  private static final String[] KINDS = enumNames(Span.SpanKind.values());
  private static final String[] STATUS_CODES = enumNames(Status.StatusCode.values());

  private TraceRows() {}

  public static void append(ExportTraceServiceRequest request, TableRows out)
      throws OtlpDecodeException {
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      Source resource = Source.resource(resourceSpans.getResource(), resourceSpans.getSchemaUrl());
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        Source source = resource.scope(scopeSpans.getScope(), scopeSpans.getSchemaUrl());
        for (Span span : scopeSpans.getSpansList()) {
          out.add(OtlpTable.TRACES, row(span, source));
        }
      }
    }
  }

  private static Row row(Span span, Source source) throws OtlpDecodeException {
    Row row = new Row(LAYOUT);
    long start = span.getStartTimeUnixNano();
    long end = span.getEndTimeUnixNano();
    row.set(TIMESTAMP, Times.timestamp(start));
    row.set(START_TIME_UNIX_NANO, start);
    row.set(END_TIME_UNIX_NANO, end);
    // Without both ends there is no duration, rather than a nonsense one.
    row.set(DURATION_NS, start != 0 && end != 0 ? end - start : null);
    row.set(SERVICE_NAME, source.serviceName());
    row.set(TRACE_ID, Ids.traceId(span.getTraceId(), "span"));
    row.set(SPAN_ID, Ids.spanId(span.getSpanId(), "span"));
    row.set(PARENT_SPAN_ID, Ids.spanId(span.getParentSpanId(), "span parent"));
    row.set(TRACE_STATE, span.getTraceState());
    row.set(FLAGS, span.getFlags());
    row.set(NAME, span.getName());
    row.set(KIND, name(KINDS, span.getKindValue()));
    Status status = span.getStatus();
    row.set(STATUS_CODE, name(STATUS_CODES, status.getCodeValue()));
    row.set(STATUS_MESSAGE, status.getMessage());
    row.set(ATTRIBUTES, Attributes.of(span.getAttributesList()));
    row.set(DROPPED_ATTRIBUTES_COUNT, span.getDroppedAttributesCount());
    row.set(EVENTS, events(span.getEventsList()));
    row.set(DROPPED_EVENTS_COUNT, span.getDroppedEventsCount());
    row.set(LINKS, links(span.getLinksList()));
    row.set(DROPPED_LINKS_COUNT, span.getDroppedLinksCount());
    source.fill(row, SOURCE);
    return row;
  }

  private static List<Row> events(List<Span.Event> events) {
    if (events.isEmpty()) {
      return Collections.emptyList();
    }
    List<Row> rows = new ArrayList<>(events.size());
    for (Span.Event event : events) {
      Row row = new Row(EVENT);
      row.set(Event.TIMESTAMP, Times.timestamp(event.getTimeUnixNano()));
      row.set(Event.TIME_UNIX_NANO, event.getTimeUnixNano());
      row.set(Event.NAME, event.getName());
      row.set(Event.ATTRIBUTES, Attributes.of(event.getAttributesList()));
      row.set(Event.DROPPED_ATTRIBUTES_COUNT, event.getDroppedAttributesCount());
      rows.add(row);
    }
    return rows;
  }

  private static List<Row> links(List<Span.Link> links) throws OtlpDecodeException {
    if (links.isEmpty()) {
      return Collections.emptyList();
    }
    List<Row> rows = new ArrayList<>(links.size());
    for (Span.Link link : links) {
      Row row = new Row(LINK);
      row.set(Link.TRACE_ID, Ids.traceId(link.getTraceId(), "span link"));
      row.set(Link.SPAN_ID, Ids.spanId(link.getSpanId(), "span link"));
      row.set(Link.TRACE_STATE, link.getTraceState());
      row.set(Link.FLAGS, link.getFlags());
      row.set(Link.ATTRIBUTES, Attributes.of(link.getAttributesList()));
      row.set(Link.DROPPED_ATTRIBUTES_COUNT, link.getDroppedAttributesCount());
      rows.add(row);
    }
    return rows;
  }

  /** Proto enum names by number, the form the Collector's ClickHouse exporter stores. */
  static <E extends Enum<E> & com.google.protobuf.ProtocolMessageEnum> String[] enumNames(
      E[] constants) {
    int max = 0;
    for (E e : constants) {
      if (!e.name().equals("UNRECOGNIZED")) {
        max = Math.max(max, e.getNumber());
      }
    }
    String[] names = new String[max + 1];
    for (E e : constants) {
      if (!e.name().equals("UNRECOGNIZED")) {
        names[e.getNumber()] = e.name();
      }
    }
    return names;
  }

  /** The enum's name; a number this proto version does not know stays visible as its digits. */
  static String name(String[] names, int number) {
    return number >= 0 && number < names.length && names[number] != null
        ? names[number]
        : Integer.toString(number);
  }
}
