package io.otlpiceberg.quickstart;

import java.net.URI;
import java.nio.file.Path;
import org.apache.iceberg.Files;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * Reads the quickstart's {@code file:} warehouse without Hadoop (Iceberg's default FileIO for a
 * local path). Read-only: the query mode never writes a table.
 */
public final class LocalFileIO implements FileIO {

  @Override
  public InputFile newInputFile(String location) {
    return Files.localInput(path(location).toFile());
  }

  @Override
  public OutputFile newOutputFile(String location) {
    throw new UnsupportedOperationException("The query mode does not write: " + location);
  }

  @Override
  public void deleteFile(String location) {
    throw new UnsupportedOperationException("The query mode does not delete: " + location);
  }

  /** {@code file:/a/b}, {@code file:///a/b} or a plain path, as a local path. */
  static Path path(String location) {
    return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
  }
}
