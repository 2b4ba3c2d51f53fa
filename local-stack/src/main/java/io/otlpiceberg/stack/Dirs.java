package io.otlpiceberg.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;

/** File-system chores of the stack. */
public final class Dirs {
  private Dirs() {}

  /** Deletes {@code root} and all below it; a symbolic link is removed, not followed. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isSymbolicLink(root)) {
      Files.delete(root);
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** An empty directory at {@code dir}, whatever was there. */
  public static Path fresh(Path dir) throws IOException {
    deleteTree(dir);
    return Files.createDirectories(dir);
  }
}
