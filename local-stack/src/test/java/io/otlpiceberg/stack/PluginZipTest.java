package io.otlpiceberg.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginZipTest {
  @TempDir Path dir;

  @Test
  void unpacksIntoAnEmptiedPluginPath() throws Exception {
    Path zip = zip("plugin.zip", "otlp-iceberg/lib/a.jar", "otlp-iceberg/manifest.json");
    Path pluginPath = dir.resolve("plugins");
    Files.createDirectories(pluginPath.resolve("old-plugin"));
    PluginZip.unpack(zip, pluginPath);
    assertThat(pluginPath.resolve("otlp-iceberg/lib/a.jar")).hasContent("otlp-iceberg/lib/a.jar");
    assertThat(pluginPath.resolve("otlp-iceberg/manifest.json")).exists();
    assertThat(pluginPath.resolve("old-plugin")).doesNotExist();
  }

  @Test
  void refusesAnEntryThatWouldLandOutsideThePluginPath() throws Exception {
    Path zip = zip("evil.zip", "../outside.jar");
    assertThatThrownBy(() -> PluginZip.unpack(zip, dir.resolve("plugins")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("../outside.jar");
    assertThat(dir.resolve("outside.jar")).doesNotExist();
  }

  @Test
  void saysHowToBuildTheZipWhenThereIsNone() {
    assertThatThrownBy(() -> PluginZip.unpack(dir.resolve("none.zip"), dir.resolve("p")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("build the connector module");
  }

  private Path zip(String name, String... entries) throws IOException {
    Path zip = dir.resolve(name);
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (String entry : entries) {
        out.putNextEntry(new ZipEntry(entry));
        out.write(entry.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return zip;
  }
}
