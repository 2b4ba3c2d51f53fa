package io.otlpiceberg.inspect;

import com.fasterxml.jackson.core.JsonGenerator;
import io.otlpiceberg.rows.GoFloats;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes rows as JSON the way a user reads them: columns under their table names, maps as objects,
 * lists as arrays, timestamps as ISO-8601 UTC, integers as numbers. JSON has no NaN or infinity, so
 * those doubles are written as the strings {@code "NaN"}, {@code "+Inf"}, {@code "-Inf"}.
 */
final class RowJsonWriter {
  private final JsonGenerator json;

  RowJsonWriter(JsonGenerator json) {
    this.json = json;
  }

  void writeRow(String table, Map<String, Object> row) throws IOException {
    json.writeStartObject();
    json.writeStringField("table", table);
    for (Map.Entry<String, Object> column : row.entrySet()) {
      json.writeFieldName(column.getKey());
      writeValue(column.getValue());
    }
    json.writeEndObject();
    json.writeRaw('\n');
  }

  private void writeValue(Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof String) {
      json.writeString((String) value);
    } else if (value instanceof Integer) {
      json.writeNumber((Integer) value);
    } else if (value instanceof Long) {
      json.writeNumber((Long) value);
    } else if (value instanceof Double) {
      double d = (Double) value;
      if (Double.isFinite(d)) {
        json.writeNumber(d);
      } else {
        json.writeString(GoFloats.format(d));
      }
    } else if (value instanceof Boolean) {
      json.writeBoolean((Boolean) value);
    } else if (value instanceof OffsetDateTime) {
      json.writeString(DateTimeFormatter.ISO_INSTANT.format((OffsetDateTime) value));
    } else if (value instanceof Map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        json.writeFieldName(String.valueOf(entry.getKey()));
        writeValue(entry.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof List) {
      json.writeStartArray();
      for (Object element : (List<?>) value) {
        writeValue(element);
      }
      json.writeEndArray();
    } else {
      json.writeString(value.toString());
    }
  }
}
