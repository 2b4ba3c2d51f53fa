package io.otlpiceberg.bench.write;

import java.io.IOException;
import org.apache.iceberg.io.InputFile;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Parquet's view of an Iceberg file, to read its footer (the in-memory warehouse has no Hadoop
 * path).
 */
final class IcebergParquetFiles {
  private IcebergParquetFiles() {}

  static org.apache.parquet.io.InputFile of(InputFile file) {
    return new org.apache.parquet.io.InputFile() {
      @Override
      public long getLength() {
        return file.getLength();
      }

      @Override
      public SeekableInputStream newStream() {
        org.apache.iceberg.io.SeekableInputStream in = file.newStream();
        return new DelegatingSeekableInputStream(in) {
          @Override
          public long getPos() throws IOException {
            return in.getPos();
          }

          @Override
          public void seek(long position) throws IOException {
            in.seek(position);
          }
        };
      }
    };
  }
}
