package io.otlpiceberg.it;

import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.rest.RESTCatalog;

/** Catalog clients in the test JVM, reading what the connector wrote. */
final class ItCatalogs {
  private ItCatalogs() {}

  static RESTCatalog rest(String uri) {
    return rest(uri, Map.of());
  }

  /** A client with extra catalog properties (e.g. the S3 endpoint and credentials). */
  static RESTCatalog rest(String uri, Map<String, String> properties) {
    Map<String, String> all = new HashMap<>(properties);
    all.put("type", "rest");
    all.put("uri", uri);
    return (RESTCatalog) CatalogUtil.buildIcebergCatalog("it", all, new Configuration());
  }
}
