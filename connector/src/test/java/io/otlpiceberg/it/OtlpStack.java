package io.otlpiceberg.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.rest.RESTCatalog;

/**
 * Everything one test class needs, started once: a KRaft broker (in this JVM), Iceberg's REST
 * catalog over a file: warehouse (child JVM), and a distributed Connect worker loading the plugin
 * from the unpacked ZIP (child JVM). Closed in reverse order, whatever failed.
 */
final class OtlpStack implements AutoCloseable {
  private final StartedParts started = new StartedParts();
  final Path dir;
  final KafkaBroker kafka;
  final RestCatalogServer catalogServer;
  final RESTCatalog catalog;
  final ConnectWorker worker;

  private OtlpStack(String name) throws Exception {
    dir = ItEnv.workDir().resolve(name);
    ItEnv.deleteTree(dir);
    Files.createDirectories(dir);
    Path pluginPath = ItEnv.unpackedPluginPath();
    try {
      kafka = add(KafkaBroker.start());
      catalogServer = add(RestCatalogServer.start(dir.resolve("catalog")));
      catalog = add(catalogServer.client());
      worker = add(ConnectWorker.create(dir.resolve(name + "-worker"), kafka.bootstrapServers(),
          pluginPath));
      worker.start();
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  static OtlpStack start(String name) throws Exception {
    long start = System.nanoTime();
    OtlpStack stack = new OtlpStack(name);
    System.out.printf("[it] stack %s up in %d ms%n", name, (System.nanoTime() - start) / 1_000_000);
    return stack;
  }

  private <T extends AutoCloseable> T add(T part) {
    return started.add(part);
  }

  /**
   * The config a user POSTs from config-examples/local.json, pointed at this stack, with a short
   * commit interval, and the test's own connector name, namespace and topics.
   */
  Map<String, String> localConfig(String namespace, String... overrides) throws Exception {
    Map<String, String> config = ItConfigs.example("local.json");
    config.put("iceberg.catalog.uri", catalogServer.uri());
    ItConfigs.useTestBrokerAndTimings(config, kafka.bootstrapServers());
    config.put("otlp.namespace", namespace);
    for (int i = 0; i + 1 < overrides.length; i += 2) {
      if (overrides[i + 1] == null) {
        config.remove(overrides[i]);
      } else {
        config.put(overrides[i], overrides[i + 1]);
      }
    }
    return config;
  }

  @Override
  public void close() throws Exception {
    started.close();
  }
}
