package io.otlpiceberg.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The plugin's version, written into a resource at build time (Connect shows it per plugin). */
final class ConnectorVersion {
  static final String VERSION = load();

  private ConnectorVersion() {}

  private static String load() {
    try (InputStream in = ConnectorVersion.class.getResourceAsStream("otlp-iceberg-version.properties")) {
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
