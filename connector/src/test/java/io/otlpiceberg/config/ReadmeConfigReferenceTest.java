package io.otlpiceberg.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.otlpiceberg.converter.OtlpConverterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.connect.IcebergSinkConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference in README.md is checked against the ConfigDefs: every key the
 * connector defines itself ({@code otlp.*} and the Iceberg sink keys it redeclares) and every key
 * of the converter is listed with its default, and no listed key is unknown or shows another
 * default. A failure prints the row to write.
 */
class ReadmeConfigReferenceTest {
  private static final Path README = Path.of("../README.md");
  private static final String SECTION = "## Configuration reference";
  private static final String CONVERTER_PREFIX = "value.converter.";

  /** Key (converter keys with their value.converter. prefix) to its default and meaning cells. */
  private static Map<String, String[]> rows;

  @BeforeAll
  static void readReference() throws IOException {
    String readme = Files.readString(README);
    int start = readme.indexOf("\n" + SECTION + "\n");
    assertThat(start).as("README.md has a '%s' section", SECTION).isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);

    rows = new LinkedHashMap<>();
    for (String line : section.split("\n")) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.substring(1, line.lastIndexOf('|')).split("\\|", -1);
      assertThat(cells).as("row with key, default and meaning: %s", line).hasSize(3);
      String key = cells[0].trim();
      assertThat(key).as(line).startsWith("`").endsWith("`");
      key = key.substring(1, key.length() - 1);
      String[] previous = rows.put(key, new String[] {cells[1].trim(), cells[2].trim()});
      assertThat(previous).as("%s is listed once", key).isNull();
    }
    assertThat(rows).isNotEmpty();
  }

  @Test
  void everyOtlpKeyIsListedWithItsDefault() {
    List<ConfigKey> keys =
        SinkConfigDef.CONFIG_DEF.configKeys().values().stream()
            .filter(k -> k.name.startsWith("otlp."))
            .toList();
    assertThat(keys).isNotEmpty();
    keys.forEach(ReadmeConfigReferenceTest::assertListed);
  }

  @Test
  void everyIcebergKeyTheConnectorDeclaresIsListedWithItsDefault() {
    Map<String, ConfigKey> upstream = IcebergSinkConfig.CONFIG_DEF.configKeys();
    List<ConfigKey> own =
        SinkConfigDef.CONFIG_DEF.configKeys().values().stream()
            .filter(k -> k.name.startsWith("iceberg."))
            .filter(
                k ->
                    !upstream.containsKey(k.name)
                        || !Objects.equals(upstream.get(k.name).documentation, k.documentation))
            .toList();
    assertThat(own)
        .extracting(k -> k.name)
        .contains(
            "iceberg.catalog.type",
            "iceberg.catalog.uri",
            "iceberg.control.commit.interval-ms",
            "iceberg.control.topic");
    own.forEach(ReadmeConfigReferenceTest::assertListed);
  }

  @Test
  void everyConverterKeyIsListedWithItsDefault() {
    OtlpConverterConfig.CONFIG_DEF
        .configKeys()
        .values()
        .forEach(k -> assertListed(CONVERTER_PREFIX, k));
  }

  @Test
  void everyListedKeyIsKnownAndShowsItsDefault() {
    List<String> problems = new ArrayList<>();
    rows.forEach(
        (key, cells) -> {
          ConfigKey def = lookUp(key);
          if (def == null) {
            problems.add(key + ": no such key in the connector's or the converter's ConfigDef");
            return;
          }
          if (!defaultMatches(def, cells[0])) {
            problems.add(
                key + ": default shown as '" + cells[0] + "', expected " + expectedDefault(def));
          }
          if (cells[1].isEmpty()) {
            problems.add(key + ": no meaning given");
          }
        });
    assertThat(problems).isEmpty();
  }

  private static void assertListed(ConfigKey key) {
    assertListed("", key);
  }

  private static void assertListed(String prefix, ConfigKey key) {
    String name = prefix + key.name;
    String expectedRow =
        "| `" + name + "` | " + expectedDefault(key) + " | " + key.documentation + " |";
    assertThat(rows)
        .as("README configuration reference lists %s; add:%n%s", name, expectedRow)
        .containsKey(name);
    assertThat(defaultMatches(key, rows.get(name)[0]))
        .as(
            "default of %s in the README: '%s'; expected %s",
            name, rows.get(name)[0], expectedDefault(key))
        .isTrue();
    assertThat(rows.get(name)[1]).as("meaning of %s", name).isNotBlank();
  }

  private static ConfigKey lookUp(String key) {
    if (key.startsWith(CONVERTER_PREFIX)) {
      return OtlpConverterConfig.CONFIG_DEF
          .configKeys()
          .get(key.substring(CONVERTER_PREFIX.length()));
    }
    return SinkConfigDef.CONFIG_DEF.configKeys().get(key);
  }

  /** none (no default, may be followed by an explanation), empty, or the value in backticks. */
  private static String expectedDefault(ConfigKey key) {
    if (key.defaultValue == null || key.defaultValue == ConfigDef.NO_DEFAULT_VALUE) {
      return "none";
    }
    String text = ConfigDef.convertToString(key.defaultValue, key.type);
    return text.isEmpty() ? "empty" : "`" + text + "`";
  }

  private static boolean defaultMatches(ConfigKey key, String cell) {
    String expected = expectedDefault(key);
    if (expected.equals("none")) {
      return cell.equals(expected) || cell.startsWith(expected + " (");
    }
    return cell.equals(expected);
  }
}
