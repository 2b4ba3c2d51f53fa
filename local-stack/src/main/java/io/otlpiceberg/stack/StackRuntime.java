package io.otlpiceberg.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the child JVMs' jars are: one directory per part ({@code kafka/}, {@code rest-catalog/},
 * {@code s3mock/}), as local-stack's build writes them to {@code target/stack-runtime} and the
 * quickstart carries them next to its jar.
 */
public record StackRuntime(Path root) {
  public static final String KAFKA = "kafka";
  public static final String REST_CATALOG = "rest-catalog";
  public static final String S3MOCK = "s3mock";

  /** The classpath of one part: every jar in its directory. */
  public String classpath(String part) throws IOException {
    Path dir = root.resolve(part);
    if (!Files.isDirectory(dir)) {
      throw new IOException(
          "No "
              + dir
              + ": build the repository with ./mvnw -B package"
              + " (local-stack resolves the child JVMs' jars into target/stack-runtime)");
    }
    try (var files = Files.list(dir)) {
      List<String> jars =
          files.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toString).toList();
      if (jars.isEmpty()) {
        throw new IOException("No jars in " + dir);
      }
      return String.join(File.pathSeparator, jars);
    }
  }

  /** True when every part is there. */
  public boolean has(String... parts) {
    for (String part : parts) {
      if (!Files.isDirectory(root.resolve(part))) {
        return false;
      }
    }
    return true;
  }
}
