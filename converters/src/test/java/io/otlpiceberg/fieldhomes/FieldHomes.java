package io.otlpiceberg.fieldhomes;

import static io.otlpiceberg.tables.OtlpTable.LOGS;
import static io.otlpiceberg.tables.OtlpTable.METRICS_EXPONENTIAL_HISTOGRAM;
import static io.otlpiceberg.tables.OtlpTable.METRICS_GAUGE;
import static io.otlpiceberg.tables.OtlpTable.METRICS_HISTOGRAM;
import static io.otlpiceberg.tables.OtlpTable.METRICS_SUM;
import static io.otlpiceberg.tables.OtlpTable.METRICS_SUMMARY;
import static io.otlpiceberg.tables.OtlpTable.TRACES;

import io.otlpiceberg.tables.OtlpTable;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The home of every field of the pinned opentelemetry-proto that an export request can reach: the
 * column that holds it, or why none does. {@link FieldHomesTest} proves each entry against the real
 * row builders, and fails for a field that is missing here or gone from the proto. Grouped by
 * message; names are relative to {@code opentelemetry.proto.}. A column's table is its message's;
 * {@code column("name")} is a column of the field's own name. Keys and values ({@code inHolder})
 * are part of whatever column holds them: an attribute map, or a log body rendered as text ({@code
 * AnyValues}).
 */
final class FieldHomes {
  private static final String PROTO_PACKAGE = "opentelemetry.proto.";

  private static final OtlpTable[] EVERY_TABLE = OtlpTable.values();
  private static final OtlpTable[] METRIC_TABLES = {
    METRICS_GAUGE, METRICS_SUM, METRICS_HISTOGRAM, METRICS_EXPONENTIAL_HISTOGRAM, METRICS_SUMMARY
  };
  // OTLP summaries carry no exemplars.
  private static final OtlpTable[] EXEMPLAR_TABLES = {
    METRICS_GAUGE, METRICS_SUM, METRICS_HISTOGRAM, METRICS_EXPONENTIAL_HISTOGRAM
  };
  private static final String PROFILES_ONLY =
      "an index into a profiles string table; OTLP says only profiles set it and other receivers"
          + " read the value as absent";

  private static final String IN_ENTITY_REFS = "part of Resource.entity_refs, not stored";

  static final FieldHomes OTLP = new FieldHomes();

  static {
    // Resource and scope: the columns every table ends with.
    OTLP.message("resource.v1.Resource", EVERY_TABLE)
        .column("attributes", "resource_attributes")
        .alsoFeeds("service_name")
        .column("dropped_attributes_count", "resource_dropped_attributes_count")
        .notStored(
            "entity_refs",
            "OTLP entities are in Development; a ref only names which keys of the resource's"
                + " attributes identify an entity, and those attributes are in"
                + " resource_attributes. Keeping it would add a column to all seven tables");
    OTLP.message("common.v1.EntityRef")
        .notStored("schema_url", IN_ENTITY_REFS)
        .notStored("type", IN_ENTITY_REFS)
        .notStored("id_keys", IN_ENTITY_REFS)
        .notStored("description_keys", IN_ENTITY_REFS);
    OTLP.message("common.v1.InstrumentationScope", EVERY_TABLE)
        .column("name", "scope_name")
        .column("version", "scope_version")
        .column("attributes", "scope_attributes")
        .column("dropped_attributes_count", "scope_dropped_attributes_count");

    // Attributes and values, wherever they sit.
    OTLP.message("common.v1.KeyValue")
        .inHolder("key", "the key of its map entry, or of its JSON object")
        .inHolder("value", "the value of its map entry, or of its JSON object")
        .notStored("key_strindex", PROFILES_ONLY);
    OTLP.message("common.v1.AnyValue")
        .inHolder("string_value", "as it is")
        .inHolder("bool_value", "true or false")
        .inHolder("int_value", "in decimal")
        .inHolder("double_value", "in shortest round-trip form")
        .inHolder("bytes_value", "in base64")
        .inHolder("array_value", "as a JSON array")
        .inHolder("kvlist_value", "as a JSON object")
        .notStored("string_value_strindex", PROFILES_ONLY);
    OTLP.message("common.v1.ArrayValue").inHolder("values", "the elements of the JSON array");
    OTLP.message("common.v1.KeyValueList").inHolder("values", "the members of the JSON object");

    // Traces.
    OTLP.message("collector.trace.v1.ExportTraceServiceRequest")
        .fannedOut("resource_spans", "each resource's spans become rows");
    OTLP.message("trace.v1.ResourceSpans", TRACES)
        .container("resource", "its fields are the resource_* columns")
        .fannedOut("scope_spans", "each scope's spans become rows")
        .column("schema_url", "resource_schema_url");
    OTLP.message("trace.v1.ScopeSpans", TRACES)
        .container("scope", "its fields are the scope_* columns")
        .fannedOut("spans", "one row per span")
        .column("schema_url", "scope_schema_url");
    OTLP.message("trace.v1.Span", TRACES)
        .column("trace_id")
        .column("span_id")
        .column("trace_state")
        .column("parent_span_id")
        .column("flags")
        .column("name")
        .column("kind")
        .column("start_time_unix_nano")
        .alsoFeeds("timestamp", "duration_ns")
        .column("end_time_unix_nano")
        .alsoFeeds("duration_ns")
        .column("attributes")
        .column("dropped_attributes_count")
        .column("events")
        .column("dropped_events_count")
        .column("links")
        .column("dropped_links_count")
        .container("status", "its fields are status_code and status_message");
    OTLP.message("trace.v1.Status", TRACES)
        .column("message", "status_message")
        .column("code", "status_code");
    OTLP.message("trace.v1.Span.Event", TRACES)
        .column("time_unix_nano", "events.element.time_unix_nano")
        .alsoFeeds("events.element.timestamp")
        .column("name", "events.element.name")
        .column("attributes", "events.element.attributes")
        .column("dropped_attributes_count", "events.element.dropped_attributes_count");
    OTLP.message("trace.v1.Span.Link", TRACES)
        .column("trace_id", "links.element.trace_id")
        .column("span_id", "links.element.span_id")
        .column("trace_state", "links.element.trace_state")
        .column("attributes", "links.element.attributes")
        .column("dropped_attributes_count", "links.element.dropped_attributes_count")
        .column("flags", "links.element.flags");

    // Logs.
    OTLP.message("collector.logs.v1.ExportLogsServiceRequest")
        .fannedOut("resource_logs", "each resource's log records become rows");
    OTLP.message("logs.v1.ResourceLogs", LOGS)
        .container("resource", "its fields are the resource_* columns")
        .fannedOut("scope_logs", "each scope's log records become rows")
        .column("schema_url", "resource_schema_url");
    OTLP.message("logs.v1.ScopeLogs", LOGS)
        .container("scope", "its fields are the scope_* columns")
        .fannedOut("log_records", "one row per log record")
        .column("schema_url", "scope_schema_url");
    OTLP.message("logs.v1.LogRecord", LOGS)
        .column("time_unix_nano")
        .alsoFeeds("timestamp")
        .column("observed_time_unix_nano")
        .alsoFeeds("timestamp")
        .column("severity_number")
        .column("severity_text")
        .column("body")
        .alsoFeeds("body_type")
        .column("attributes")
        .column("dropped_attributes_count")
        .column("flags")
        .column("trace_id")
        .column("span_id")
        .column("event_name");

    // Metrics.
    OTLP.message("collector.metrics.v1.ExportMetricsServiceRequest")
        .fannedOut("resource_metrics", "each resource's data points become rows");
    OTLP.message("metrics.v1.ResourceMetrics", METRIC_TABLES)
        .container("resource", "its fields are the resource_* columns")
        .fannedOut("scope_metrics", "each scope's data points become rows")
        .column("schema_url", "resource_schema_url");
    OTLP.message("metrics.v1.ScopeMetrics", METRIC_TABLES)
        .container("scope", "its fields are the scope_* columns")
        .fannedOut("metrics", "each metric's data points become rows")
        .column("schema_url", "scope_schema_url");
    OTLP.message("metrics.v1.Metric", METRIC_TABLES)
        .column("name", "metric_name")
        .column("description", "metric_description")
        .column("unit", "metric_unit")
        .column("metadata", "metric_metadata")
        .rowsIn("gauge", METRICS_GAUGE)
        .rowsIn("sum", METRICS_SUM)
        .rowsIn("histogram", METRICS_HISTOGRAM)
        .rowsIn("exponential_histogram", METRICS_EXPONENTIAL_HISTOGRAM)
        .rowsIn("summary", METRICS_SUMMARY);
    OTLP.message("metrics.v1.Gauge").fannedOut("data_points", "one row per data point");
    OTLP.message("metrics.v1.Sum", METRICS_SUM)
        .fannedOut("data_points", "one row per data point")
        .column("aggregation_temporality")
        .column("is_monotonic");
    OTLP.message("metrics.v1.Histogram", METRICS_HISTOGRAM)
        .fannedOut("data_points", "one row per data point")
        .column("aggregation_temporality");
    OTLP.message("metrics.v1.ExponentialHistogram", METRICS_EXPONENTIAL_HISTOGRAM)
        .fannedOut("data_points", "one row per data point")
        .column("aggregation_temporality");
    OTLP.message("metrics.v1.Summary").fannedOut("data_points", "one row per data point");
    OTLP.message("metrics.v1.NumberDataPoint", METRICS_GAUGE, METRICS_SUM)
        .column("attributes")
        .column("start_time_unix_nano")
        .column("time_unix_nano")
        .alsoFeeds("timestamp")
        .column("as_double", "value")
        .column("as_int", "value_int")
        .alsoFeeds("value")
        .column("exemplars")
        .column("flags");
    OTLP.message("metrics.v1.HistogramDataPoint", METRICS_HISTOGRAM)
        .column("attributes")
        .column("start_time_unix_nano")
        .column("time_unix_nano")
        .alsoFeeds("timestamp")
        .column("count")
        .column("sum")
        .column("bucket_counts")
        .column("explicit_bounds")
        .column("exemplars")
        .column("flags")
        .column("min")
        .column("max");
    OTLP.message("metrics.v1.ExponentialHistogramDataPoint", METRICS_EXPONENTIAL_HISTOGRAM)
        .column("attributes")
        .column("start_time_unix_nano")
        .column("time_unix_nano")
        .alsoFeeds("timestamp")
        .column("count")
        .column("sum")
        .column("scale")
        .column("zero_count")
        .container("positive", "its fields are the positive_* columns")
        .container("negative", "its fields are the negative_* columns")
        .column("flags")
        .column("exemplars")
        .column("min")
        .column("max")
        .column("zero_threshold");
    // {via}: positive or negative, the field that holds the buckets.
    OTLP.message("metrics.v1.ExponentialHistogramDataPoint.Buckets", METRICS_EXPONENTIAL_HISTOGRAM)
        .column("offset", "{via}_offset")
        .column("bucket_counts", "{via}_bucket_counts");
    OTLP.message("metrics.v1.SummaryDataPoint", METRICS_SUMMARY)
        .column("attributes")
        .column("start_time_unix_nano")
        .column("time_unix_nano")
        .alsoFeeds("timestamp")
        .column("count")
        .column("sum")
        .column("quantile_values")
        .column("flags");
    OTLP.message("metrics.v1.SummaryDataPoint.ValueAtQuantile", METRICS_SUMMARY)
        .column("quantile", "quantile_values.element.quantile")
        .column("value", "quantile_values.element.value");
    OTLP.message("metrics.v1.Exemplar", EXEMPLAR_TABLES)
        .column("filtered_attributes", "exemplars.element.filtered_attributes")
        .column("time_unix_nano", "exemplars.element.time_unix_nano")
        .alsoFeeds("exemplars.element.timestamp")
        .column("as_double", "exemplars.element.value")
        .column("as_int", "exemplars.element.value_int")
        .alsoFeeds("exemplars.element.value")
        .column("span_id", "exemplars.element.span_id")
        .column("trace_id", "exemplars.element.trace_id");
  }

  private final Map<String, Home> homes = new LinkedHashMap<>();

  private FieldHomes() {}

  /** The home of a field, by full name; null when it has none. */
  Home of(String fullName) {
    return homes.get(fullName);
  }

  /** Every field named here, by full name, in the order written. */
  Set<String> fieldNames() {
    return Collections.unmodifiableSet(homes.keySet());
  }

  private Message message(String name, OtlpTable... tables) {
    return new Message(PROTO_PACKAGE + name, tables);
  }

  /** The entries of one message; a column's table is the message's. */
  private final class Message {
    private final String name;
    private final Set<OtlpTable> tables;
    private String lastField;

    Message(String name, OtlpTable... tables) {
      this.name = name;
      this.tables =
          tables.length == 0 ? EnumSet.noneOf(OtlpTable.class) : EnumSet.copyOf(List.of(tables));
    }

    /** A column of the field's own name. */
    Message column(String field) {
      return column(field, field);
    }

    Message column(String field, String path) {
      return put(field, new Home.Column(path, tables, Set.of()));
    }

    /** The field just added also feeds these columns, worked out from it. */
    Message alsoFeeds(String... columns) {
      Home.Column last = (Home.Column) homes.get(lastField);
      homes.put(lastField, last.feeding(columns));
      return this;
    }

    Message inHolder(String field, String how) {
      return put(field, new Home.InHolder(how));
    }

    Message fannedOut(String field, String reason) {
      return put(field, new Home.FannedOut(reason));
    }

    Message container(String field, String reason) {
      return put(field, new Home.Container(reason));
    }

    Message rowsIn(String field, OtlpTable table) {
      return put(field, new Home.RowsIn(table));
    }

    Message notStored(String field, String reason) {
      return put(field, new Home.NotStored(reason));
    }

    private Message put(String field, Home home) {
      lastField = name + "." + field;
      if (homes.putIfAbsent(lastField, home) != null) {
        throw new IllegalStateException(lastField + " is given two homes");
      }
      return this;
    }
  }
}
