package io.otlpiceberg.converter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The plugin's version, written into a resource at build time: Connect shows it for the connector
 * and the converter in {@code GET /connector-plugins}.
 */
public final class PluginVersion {
  public static final String VERSION = load();

  private PluginVersion() {}

  private static String load() {
    try (InputStream in =
        PluginVersion.class.getResourceAsStream("otlp-iceberg-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties props = new Properties();
      props.load(in);
      return props.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
