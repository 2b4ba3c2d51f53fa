package io.otlpiceberg.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The log4j 1 configuration Kafka's broker and Connect worker read (the distribution's reload4j):
 * everything to the process's output, which {@link ChildProcess} sends to its log file.
 */
final class Log4jConfig {
  private Log4jConfig() {}

  /** Client reconnects and config dumps drown what matters. */
  static final Map<String, String> QUIET =
      Map.of(
          "org.apache.kafka.clients", "WARN",
          "org.apache.kafka.common", "WARN",
          "org.reflections", "ERROR",
          "org.apache.hadoop", "WARN",
          "state.change.logger", "WARN");

  /** {@link #QUIET} and one logger more. */
  static Map<String, String> quietAnd(String logger, String level) {
    Map<String, String> loggers = new LinkedHashMap<>(QUIET);
    loggers.put(logger, level);
    return loggers;
  }

  /**
   * Writes {@code dir/log4j.properties} and returns the JVM option that points at it.
   *
   * @param loggers levels of single loggers, e.g. {@link #QUIET}
   */
  static String write(Path dir, String rootLevel, Map<String, String> loggers) throws IOException {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "log4j.rootLogger=" + rootLevel + ", stdout",
                "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
                "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c{1})%n"));
    loggers.forEach((logger, level) -> lines.add("log4j.logger." + logger + "=" + level));
    lines.add("");
    Files.createDirectories(dir);
    Path file = dir.resolve("log4j.properties");
    Files.writeString(file, String.join("\n", lines));
    return "-Dlog4j.configuration=" + file.toUri();
  }
}
