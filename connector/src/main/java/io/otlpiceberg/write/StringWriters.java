package io.otlpiceberg.write;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.parquet.ParquetValueWriter;
import org.apache.iceberg.parquet.ParquetValueWriters;
import org.apache.iceberg.parquet.TripleWriter;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.io.api.Binary;

/**
 * String columns that encode each distinct string object once. Rows share objects wherever OTLP
 * does: every row under a resource holds the same resource attribute map and the same service name,
 * every row under a scope the same scope strings, every point of a metric the same name. Iceberg's
 * generic writer turns each into UTF-8 again for every row; these writers keep the bytes of the
 * object seen last (for a map: of all its keys and values) and, when the same object comes again,
 * hand Parquet the same bytes, which its dictionary also recognises without comparing them. Rows
 * are read-only once decoded, so an object's bytes cannot change.
 *
 * <p>Strings that repeat in content but not as objects (attribute keys, span names: each request
 * decodes its own copies) go through a {@link BinaryCache} per column.
 */
final class StringWriters {
  private StringWriters() {}

  /** A {@code string} column. */
  static ParquetValueWriter<CharSequence> column(ColumnDescriptor column) {
    return new StringColumn(column);
  }

  /** A {@code map<string,string>} column, from its key-value group's levels and columns. */
  static ParquetValueWriter<Map<String, String>> map(
      int definitionLevel,
      int repetitionLevel,
      ColumnDescriptor keys,
      ColumnDescriptor values,
      int valueDefinitionLevel) {
    return new StringMap(definitionLevel, repetitionLevel, keys, values, valueDefinitionLevel);
  }

  private static final class StringColumn
      extends ParquetValueWriters.PrimitiveWriter<CharSequence> {
    private final BinaryCache cache = new BinaryCache();
    private CharSequence last;
    private Binary lastBytes;

    StringColumn(ColumnDescriptor column) {
      super(column);
    }

    @Override
    public void write(int repetitionLevel, CharSequence value) {
      if (value != last) {
        lastBytes = cache.bytes(value.toString());
        last = value;
      }
      column.writeBinary(repetitionLevel, lastBytes);
    }
  }

  /** Gives access to the column writer Iceberg keeps for its primitive writers. */
  private static final class BinaryColumn extends ParquetValueWriters.PrimitiveWriter<Binary> {
    BinaryColumn(ColumnDescriptor column) {
      super(column);
    }

    @Override
    public void write(int repetitionLevel, Binary value) {
      column.writeBinary(repetitionLevel, value);
    }

    void writeNull(int repetitionLevel, int definitionLevel) {
      column.writeNull(repetitionLevel, definitionLevel);
    }
  }

  /**
   * The levels as Iceberg's own map writer writes them: an empty map is one null at the map's level
   * in both columns; entries after the first repeat at the map's repetition level.
   */
  private static final class StringMap implements ParquetValueWriter<Map<String, String>> {
    private static final Binary[] NONE = new Binary[0];

    private final int definitionLevel;
    private final int repetitionLevel;
    private final int valueDefinitionLevel;
    private final BinaryColumn keys;
    private final BinaryColumn values;
    private final List<TripleWriter<?>> children;
    private final BinaryCache keyCache = new BinaryCache();
    private final BinaryCache valueCache = new BinaryCache();
    private Map<String, String> last;
    private Binary[] lastKeys = NONE;
    private Binary[] lastValues = NONE;
    private int encoded;

    StringMap(
        int definitionLevel,
        int repetitionLevel,
        ColumnDescriptor keys,
        ColumnDescriptor values,
        int valueDefinitionLevel) {
      this.definitionLevel = definitionLevel;
      this.repetitionLevel = repetitionLevel;
      this.valueDefinitionLevel = valueDefinitionLevel;
      this.keys = new BinaryColumn(keys);
      this.values = new BinaryColumn(values);
      this.children = List.of(this.keys.columns().get(0), this.values.columns().get(0));
    }

    @Override
    public void write(int parentRepetition, Map<String, String> map) {
      int size = map.size();
      if (size == 0) {
        keys.writeNull(parentRepetition, definitionLevel - 1);
        values.writeNull(parentRepetition, definitionLevel - 1);
        return;
      }
      if (map != last) {
        encode(map);
      }
      for (int i = 0; i < size; i++) {
        int level = i == 0 ? parentRepetition : repetitionLevel;
        keys.write(level, lastKeys[i]);
        if (lastValues[i] == null) {
          values.writeNull(level, valueDefinitionLevel - 1);
        } else {
          values.write(level, lastValues[i]);
        }
      }
    }

    /** Into arrays kept from map to map: only the last map's bytes are ever needed again. */
    private void encode(Map<String, String> map) {
      int size = map.size();
      if (lastKeys.length < size) {
        lastKeys = new Binary[Math.max(size, 2 * lastKeys.length)];
        lastValues = new Binary[lastKeys.length];
      }
      encoded = 0;
      // forEach, not entrySet: the rows' own maps walk their arrays without an entry object each.
      map.forEach(this::encodeEntry);
      last = map;
    }

    private void encodeEntry(String key, String value) {
      int i = encoded++;
      lastKeys[i] = keyCache.bytes(key);
      lastValues[i] = value == null ? null : valueCache.bytes(value);
    }

    @Override
    public List<TripleWriter<?>> columns() {
      return children;
    }

    @Override
    public void setColumnStore(ColumnWriteStore columnStore) {
      keys.setColumnStore(columnStore);
      values.setColumnStore(columnStore);
    }
  }
}
