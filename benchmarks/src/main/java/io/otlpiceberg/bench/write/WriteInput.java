package io.otlpiceberg.bench.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otlpiceberg.bench.WriteRequests;
import io.otlpiceberg.decode.OtlpDecodeException;
import io.otlpiceberg.decode.OtlpDecoder;
import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.rows.Row;
import io.otlpiceberg.rows.TableRows;
import io.otlpiceberg.tables.OtlpTable;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * One signal's input to the three write paths, the same rows in three forms: the OTLP protobuf
 * records the Collector writes (ours), Iceberg {@link Record}s of the same rows (the floor), and
 * one flat JSON object per row, as a transform in front of a generic sink would emit (the stock
 * path). The requests vary ({@link io.otlpiceberg.telemetry.VariedRequests#traces(int)}): other
 * ids, times and values in each.
 */
final class WriteInput {
  /** The JSON rows name their table in this field, the stock sink's route field. */
  static final String ROUTE_FIELD = "_table";

  private static final ObjectMapper JSON = new ObjectMapper();

  final Signal signal;
  final List<byte[]> protobuf = new ArrayList<>();
  final Map<OtlpTable, List<Record>> records = new EnumMap<>(OtlpTable.class);
  final List<byte[]> jsonRows = new ArrayList<>();
  final long protobufBytes;
  final int rows;

  /**
   * @param stockNamespace the namespace the JSON rows route to
   */
  WriteInput(Signal signal, int requests, String stockNamespace) {
    this(signal, 0, requests, stockNamespace);
  }

  /**
   * @param first the index of the first request: inputs of other ranges share no ids
   */
  WriteInput(Signal signal, int first, int requests, String stockNamespace) {
    this.signal = signal;
    OtlpDecoder decoder = new OtlpDecoder();
    long bytes = 0;
    int count = 0;
    for (int i = first; i < first + requests; i++) {
      byte[] request = WriteRequests.request(signal, i);
      protobuf.add(request);
      bytes += request.length;
      TableRows decoded;
      try {
        decoded = decoder.decode(signal, request);
      } catch (OtlpDecodeException e) {
        throw new IllegalStateException("The benchmark's own request does not decode", e);
      }
      for (OtlpTable table : OtlpTable.values()) {
        for (Map<String, Object> row : decoded.rows(table)) {
          records
              .computeIfAbsent(table, t -> new ArrayList<>())
              .add(record(table.schema().asStruct(), (Row) row));
          jsonRows.add(jsonRow(stockNamespace + "." + table.tableName(), (Row) row));
          count++;
        }
      }
    }
    this.protobufBytes = bytes;
    this.rows = count;
  }

  private static Record record(Types.StructType struct, Row row) {
    GenericRecord record = GenericRecord.create(struct);
    List<Types.NestedField> fields = struct.fields();
    for (int i = 0; i < fields.size(); i++) {
      record.set(i, recordValue(fields.get(i).type(), row.get(i)));
    }
    return record;
  }

  private static Object recordValue(Type type, Object value) {
    if (value == null) {
      return null;
    }
    if (type.isStructType()) {
      return record(type.asStructType(), (Row) value);
    }
    if (type.isListType()) {
      Type element = type.asListType().elementType();
      List<Object> list = new ArrayList<>();
      for (Object item : (List<?>) value) {
        list.add(recordValue(element, item));
      }
      return list;
    }
    if (type.isMapType()) {
      return new LinkedHashMap<>((Map<?, ?>) value);
    }
    return value;
  }

  private static byte[] jsonRow(String table, Row row) {
    Map<String, Object> object = jsonObject(row);
    object.put(ROUTE_FIELD, table);
    try {
      return JSON.writeValueAsBytes(object);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Timestamps as ISO-8601 with the offset, which the stock sink parses into timestamptz. */
  private static Map<String, Object> jsonObject(Row row) {
    Map<String, Object> object = new LinkedHashMap<>();
    row.forEach((name, value) -> object.put(name, jsonValue(value)));
    return object;
  }

  private static Object jsonValue(Object value) {
    if (value instanceof Row) {
      return jsonObject((Row) value);
    }
    if (value instanceof List) {
      List<Object> list = new ArrayList<>();
      for (Object item : (List<?>) value) {
        list.add(jsonValue(item));
      }
      return list;
    }
    if (value instanceof OffsetDateTime) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format((OffsetDateTime) value);
    }
    return value;
  }
}
