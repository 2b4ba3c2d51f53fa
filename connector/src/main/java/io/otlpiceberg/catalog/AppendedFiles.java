package io.otlpiceberg.catalog;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * What the data files of one append hold, from their metadata alone (record counts, partition
 * values, column bounds): no data file is read.
 */
final class AppendedFiles {
  private static final String TIMESTAMP = "timestamp";
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  /** A file of an unpartitioned table spanning more days than this gives only its end days. */
  private static final int MAX_DAYS_PER_FILE = 31;

  private final Table table;
  private final Types.NestedField timestamp;
  private final TreeSet<Long> days = new TreeSet<>();
  private long rows;
  private int files;
  private Long min;
  private Long max;

  AppendedFiles(Table table) {
    this.table = table;
    Types.NestedField field = table.schema().findField(TIMESTAMP);
    this.timestamp = field != null && field.type().typeId() == Type.TypeID.TIMESTAMP ? field : null;
  }

  void add(DataFile file) {
    rows += file.recordCount();
    files++;
    if (timestamp == null) {
      return;
    }
    Long lower = bound(file.lowerBounds());
    Long upper = bound(file.upperBounds());
    if (lower != null) {
      min = min == null ? lower : Math.min(min, lower);
    }
    if (upper != null) {
      max = max == null ? upper : Math.max(max, upper);
    }
    Integer partitionDay = partitionDay(file);
    if (partitionDay != null) {
      days.add(partitionDay.longValue());
    } else if (lower != null && upper != null) {
      long first = Math.floorDiv(lower, MICROS_PER_DAY);
      long last = Math.floorDiv(upper, MICROS_PER_DAY);
      if (last - first < MAX_DAYS_PER_FILE) {
        for (long day = first; day <= last; day++) {
          days.add(day);
        }
      } else {
        days.add(first);
        days.add(last);
      }
    }
  }

  /** The file's {@code day(timestamp)} partition value, if its spec has one. */
  private Integer partitionDay(DataFile file) {
    PartitionSpec spec = table.specs().get(file.specId());
    if (spec == null || file.partition() == null) {
      return null;
    }
    List<PartitionField> fields = spec.fields();
    for (int i = 0; i < fields.size(); i++) {
      PartitionField field = fields.get(i);
      if (field.sourceId() == timestamp.fieldId() && "day".equals(field.transform().toString())) {
        return file.partition().get(i, Integer.class);
      }
    }
    return null;
  }

  private Long bound(Map<Integer, ByteBuffer> bounds) {
    ByteBuffer value = bounds == null ? null : bounds.get(timestamp.fieldId());
    return value == null ? null : Conversions.<Long>fromByteBuffer(timestamp.type(), value);
  }

  long rows() {
    return rows;
  }

  int files() {
    return files;
  }

  Long minTimestampMicros() {
    return min;
  }

  Long maxTimestampMicros() {
    return max;
  }

  List<LocalDate> days() {
    List<LocalDate> dates = new ArrayList<>(days.size());
    for (long day : days) {
      dates.add(LocalDate.ofEpochDay(day));
    }
    return dates;
  }
}
