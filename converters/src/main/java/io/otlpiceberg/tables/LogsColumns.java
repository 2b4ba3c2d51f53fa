package io.otlpiceberg.tables;

import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/** The {@code logs} table: one row per log record (events included). */
public final class LogsColumns {
  private static final ColumnsBuilder C = new ColumnsBuilder();

  public static final int TIMESTAMP = C.add("timestamp", Types.TimestampType.withZone());
  public static final int TIME_UNIX_NANO = C.add("time_unix_nano", Types.LongType.get());
  public static final int OBSERVED_TIME_UNIX_NANO =
      C.add("observed_time_unix_nano", Types.LongType.get());
  public static final int SERVICE_NAME = C.add("service_name", Types.StringType.get());
  public static final int SEVERITY_NUMBER = C.add("severity_number", Types.IntegerType.get());
  public static final int SEVERITY_TEXT = C.add("severity_text", Types.StringType.get());
  public static final int BODY = C.add("body", Types.StringType.get());
  public static final int BODY_TYPE = C.add("body_type", Types.StringType.get());
  public static final int EVENT_NAME = C.add("event_name", Types.StringType.get());
  public static final int TRACE_ID = C.add("trace_id", Types.StringType.get());
  public static final int SPAN_ID = C.add("span_id", Types.StringType.get());
  public static final int FLAGS = C.add("flags", Types.IntegerType.get());
  public static final int ATTRIBUTES = C.add("attributes", C.stringMap());
  public static final int DROPPED_ATTRIBUTES_COUNT =
      C.add("dropped_attributes_count", Types.IntegerType.get());

  public static final ResourceScopeColumns SOURCE = new ResourceScopeColumns(C);

  static final Schema SCHEMA = C.schema();

  private LogsColumns() {}
}
