package io.otlpiceberg.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.otlpiceberg.OtlpJsonFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged tool, run the way a user runs it: java -jar with nothing else on the classpath. */
class OtlpInspectJarIT {
  @TempDir Path dir;

  @Test
  void executableJarDecodesASampleAndReportsABadFile() throws Exception {
    Path jar = Path.of("target", "otlp-inspect.jar").toAbsolutePath();
    assertThat(jar).exists();
    Path trace = Files.write(dir.resolve("trace.json"), OtlpJsonFixtures.sample("trace.json"));
    Path bad = Files.write(dir.resolve("bad.bin"), new byte[] {1, 2, 3});
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    Process process =
        new ProcessBuilder(
                java.toString(),
                "-jar",
                jar.toString(),
                "--signal",
                "traces",
                trace.toString(),
                bad.toString())
            .redirectOutput(dir.resolve("out").toFile())
            .redirectError(dir.resolve("err").toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    String out = Files.readString(dir.resolve("out"), StandardCharsets.UTF_8);
    String err = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(out).startsWith("{\"table\":\"traces\",\"timestamp\":\"2018-12-13T14:51:00Z\"");
    assertThat(out).contains("\"kind\":\"SPAN_KIND_SERVER\"");
    assertThat(err.strip()).startsWith(bad.toString() + ": cannot decode as OTLP traces");
    assertThat(err.lines().count()).isEqualTo(1);
  }
}
