package io.otlpiceberg.tables;

import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/** The {@code traces} table: one row per span. */
public final class TracesColumns {
  private static final ColumnsBuilder C = new ColumnsBuilder();

  public static final int TIMESTAMP = C.add("timestamp", Types.TimestampType.withZone());
  public static final int START_TIME_UNIX_NANO =
      C.add("start_time_unix_nano", Types.LongType.get());
  public static final int END_TIME_UNIX_NANO = C.add("end_time_unix_nano", Types.LongType.get());
  public static final int DURATION_NS = C.add("duration_ns", Types.LongType.get());
  public static final int SERVICE_NAME = C.add("service_name", Types.StringType.get());
  public static final int TRACE_ID = C.add("trace_id", Types.StringType.get());
  public static final int SPAN_ID = C.add("span_id", Types.StringType.get());
  public static final int PARENT_SPAN_ID = C.add("parent_span_id", Types.StringType.get());
  public static final int TRACE_STATE = C.add("trace_state", Types.StringType.get());
  public static final int FLAGS = C.add("flags", Types.IntegerType.get());
  public static final int NAME = C.add("name", Types.StringType.get());
  public static final int KIND = C.add("kind", Types.StringType.get());
  public static final int STATUS_CODE = C.add("status_code", Types.StringType.get());
  public static final int STATUS_MESSAGE = C.add("status_message", Types.StringType.get());
  public static final int ATTRIBUTES = C.add("attributes", C.stringMap());
  public static final int DROPPED_ATTRIBUTES_COUNT =
      C.add("dropped_attributes_count", Types.IntegerType.get());

  /** Fields of one element of {@code events}. */
  public static final class Event {
    private static final ColumnsBuilder E = ColumnsBuilder.withIdsFrom(10_000);
    public static final int TIMESTAMP = E.add("timestamp", Types.TimestampType.withZone());
    public static final int TIME_UNIX_NANO = E.add("time_unix_nano", Types.LongType.get());
    public static final int NAME = E.add("name", Types.StringType.get());
    public static final int ATTRIBUTES = E.add("attributes", E.stringMap());
    public static final int DROPPED_ATTRIBUTES_COUNT =
        E.add("dropped_attributes_count", Types.IntegerType.get());
    static final Types.StructType TYPE = E.struct();

    private Event() {}
  }

  public static final int EVENTS = C.add("events", C.listOf(Event.TYPE));
  public static final int DROPPED_EVENTS_COUNT =
      C.add("dropped_events_count", Types.IntegerType.get());

  /** Fields of one element of {@code links}. */
  public static final class Link {
    private static final ColumnsBuilder L = ColumnsBuilder.withIdsFrom(20_000);
    public static final int TRACE_ID = L.add("trace_id", Types.StringType.get());
    public static final int SPAN_ID = L.add("span_id", Types.StringType.get());
    public static final int TRACE_STATE = L.add("trace_state", Types.StringType.get());
    public static final int FLAGS = L.add("flags", Types.IntegerType.get());
    public static final int ATTRIBUTES = L.add("attributes", L.stringMap());
    public static final int DROPPED_ATTRIBUTES_COUNT =
        L.add("dropped_attributes_count", Types.IntegerType.get());
    static final Types.StructType TYPE = L.struct();

    private Link() {}
  }

  public static final int LINKS = C.add("links", C.listOf(Link.TYPE));
  public static final int DROPPED_LINKS_COUNT =
      C.add("dropped_links_count", Types.IntegerType.get());

  public static final ResourceScopeColumns SOURCE = new ResourceScopeColumns(C);

  static final Schema SCHEMA = C.schema();

  private TracesColumns() {}
}
