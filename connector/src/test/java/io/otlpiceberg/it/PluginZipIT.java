package io.otlpiceberg.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The ZIP users install: jars under lib/, no second copy of what the worker provides. */
class PluginZipIT {

  @Test
  void zipHoldsOnlyPluginJarsUnderLib() throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipFile zip = new ZipFile(ItEnv.pluginZip().toFile())) {
      zip.stream().filter(e -> !e.isDirectory()).forEach(e -> names.add(e.getName()));
    }
    String base = ItEnv.pluginZip().getFileName().toString().replace(".zip", "");

    assertThat(names).allSatisfy(n -> assertThat(n).startsWith(base + "/lib/").endsWith(".jar"));
    assertThat(names)
        .anySatisfy(n -> assertThat(n).contains("/otlp-iceberg-connector-"))
        .anySatisfy(n -> assertThat(n).contains("/otlp-iceberg-converters-"))
        .anySatisfy(n -> assertThat(n).contains("/iceberg-kafka-connect-1."))
        .anySatisfy(n -> assertThat(n).contains("/iceberg-parquet-"))
        .anySatisfy(n -> assertThat(n).contains("/iceberg-aws-"))
        .anySatisfy(n -> assertThat(n).contains("/s3-"))
        .anySatisfy(n -> assertThat(n).contains("/glue-"))
        .anySatisfy(n -> assertThat(n).contains("/sts-"))
        .anySatisfy(n -> assertThat(n).contains("/kms-"))
        .anySatisfy(n -> assertThat(n).contains("/hadoop-common-"));
    assertThat(names)
        .noneMatch(
            n ->
                n.matches(
                    ".*/lib/(kafka-clients|connect-api|connect-json"
                        + "|connect-runtime|connect-transforms|kafka_2\\.1\\d|slf4j-[a-z0-9]+|log4j|reload4j)-.*"));
    // The worker's copy is the one that must serve IAM (config-examples/msk-connect/IAM-AUTH.md).
    assertThat(names).noneMatch(n -> n.contains("aws-msk-iam-auth"));
    // Hadoop's server side, which Iceberg's own runtime ZIP leaves out too.
    assertThat(names)
        .noneMatch(
            n ->
                n.matches(
                    ".*/lib/(jetty-|jersey-|zookeeper|curator-|kerb|guava-\\d|protobuf-java-3).*"));
  }

  @Test
  void connectorAndConverterAreRegisteredForServiceLoading() throws IOException {
    try (ZipFile zip = new ZipFile(ItEnv.pluginZip().toFile())) {
      assertThat(
              serviceEntries(
                  zip,
                  "/otlp-iceberg-connector-",
                  "META-INF/services/org.apache.kafka.connect.sink.SinkConnector"))
          .contains("io.otlpiceberg.sink.OtlpIcebergSinkConnector");
      assertThat(
              serviceEntries(
                  zip,
                  "/otlp-iceberg-converters-",
                  "META-INF/services/org.apache.kafka.connect.storage.Converter"))
          .contains("io.otlpiceberg.converter.OtlpConverter");
    }
  }

  private static String serviceEntries(ZipFile zip, String jarName, String service)
      throws IOException {
    ZipEntry jar =
        zip.stream()
            .filter(e -> e.getName().contains(jarName))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no jar " + jarName));
    try (InputStream in = zip.getInputStream(jar);
        JarInputStream entries = new JarInputStream(in)) {
      for (JarEntry entry; (entry = entries.getNextJarEntry()) != null; ) {
        if (entry.getName().equals(service)) {
          return new String(entries.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    return "";
  }
}
