package io.otlpiceberg.stack;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** A Connect plugin ZIP installed as a user installs it: unpacked into a plugin.path directory. */
public final class PluginZip {
  private PluginZip() {}

  /** Unpacks {@code zip} into {@code pluginPath}, which is emptied first. */
  public static Path unpack(Path zip, Path pluginPath) throws IOException {
    if (!Files.isRegularFile(zip)) {
      throw new IOException(
          "No plugin ZIP "
              + zip
              + ": build the connector module first"
              + " (./mvnw -B package from the repository root)");
    }
    Dirs.fresh(pluginPath);
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        Path target = pluginPath.resolve(entry.getName()).normalize();
        if (!target.startsWith(pluginPath)) {
          throw new IOException("Zip entry outside the target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    }
    return pluginPath;
  }

  /** The newest file matching {@code glob} in {@code dir}, should older versions lie there. */
  public static Path newest(Path dir, String glob) throws IOException {
    Path newest = null;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
      for (Path file : files) {
        if (newest == null
            || Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(newest)) > 0) {
          newest = file;
        }
      }
    }
    if (newest == null) {
      throw new IOException(
          "No " + glob + " in " + dir + ": build the repository with" + " ./mvnw -B package");
    }
    return newest;
  }
}
