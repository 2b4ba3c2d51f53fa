package io.otlpiceberg.it;

import io.otlpiceberg.stack.ConnectWorker;
import io.otlpiceberg.stack.KafkaBroker;
import io.otlpiceberg.stack.LocalStack;
import io.otlpiceberg.stack.RestCatalogServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.iceberg.rest.RESTCatalog;

/**
 * Everything one test class needs, started once: the local stack (a KRaft broker, Iceberg's REST
 * catalog over a file: warehouse and a distributed Connect worker loading the plugin from the
 * unpacked ZIP, each a child JVM) and a catalog client reading what the connector wrote.
 */
final class OtlpStack implements AutoCloseable {
  final Path dir;
  final LocalStack local;
  final KafkaBroker kafka;
  final RestCatalogServer catalogServer;
  final RESTCatalog catalog;
  final ConnectWorker worker;

  private OtlpStack(Path dir, LocalStack local) {
    this.dir = dir;
    this.local = local;
    this.kafka = local.kafka();
    this.catalogServer = local.catalog();
    this.catalog = ItCatalogs.rest(catalogServer.uri());
    this.worker = local.worker();
  }

  static OtlpStack start(String name) throws Exception {
    return start(name, UnaryOperator.identity());
  }

  /**
   * @param setup options of the stack beyond the tests' usual ones
   */
  static OtlpStack start(String name, UnaryOperator<LocalStack.Builder> setup) throws Exception {
    long start = System.nanoTime();
    Path dir = ItEnv.freshDir(name);
    LocalStack local =
        setup
            .apply(
                LocalStack.builder(ItEnv.runtime(), ItEnv.pluginZip(), dir).fastFailureDetection())
            .start();
    System.out.printf(
        "[it] stack %s up in %d ms, logs in %s%n",
        name, (System.nanoTime() - start) / 1_000_000, local.logs());
    return new OtlpStack(dir, local);
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
    try {
      catalog.close();
    } finally {
      local.close();
    }
  }
}
