package io.otlpiceberg.catalog;

import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.connect.IcebergSinkConfig;

/**
 * Loads the catalog the Iceberg sink writes to, from the same keys and in the same way ({@code
 * iceberg.catalog}, {@code iceberg.catalog.*}, {@code iceberg.hadoop.*}, {@code
 * iceberg.hadoop-conf-dir}), through Iceberg's public API: the sink's own loader is
 * package-private.
 */
public final class CatalogLoader {
  private static final List<String> HADOOP_CONF_FILES =
      List.of("core-site.xml", "hdfs-site.xml", "hive-site.xml");

  private CatalogLoader() {}

  public static Catalog load(IcebergSinkConfig config) {
    return CatalogUtil.buildIcebergCatalog(
        config.catalogName(), config.catalogProps(), hadoopConf(config));
  }

  /** A file: warehouse (HadoopFileIO) needs it; S3FileIO and REST ignore it. */
  private static Configuration hadoopConf(IcebergSinkConfig config) {
    Configuration conf = new Configuration();
    String dir = config.hadoopConfDir();
    if (dir != null) {
      for (String file : HADOOP_CONF_FILES) {
        Path path = Path.of(dir, file);
        if (Files.exists(path)) {
          try {
            conf.addResource(path.toUri().toURL());
          } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Cannot read Hadoop config file " + path, e);
          }
        }
      }
    }
    config.hadoopProps().forEach(conf::set);
    return conf;
  }
}
