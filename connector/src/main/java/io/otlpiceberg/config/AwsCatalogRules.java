package io.otlpiceberg.config;

import io.otlpiceberg.catalog.RestSigning;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigValue;

/**
 * The catalog settings AWS is strict about, checked before a task starts so a mistake is a
 * validation error that names the right form instead of a 403 or an opaque "bucket not found" at
 * the first commit: the warehouse form each endpoint takes, SigV4 being on, and the signing name
 * and region matching the endpoint.
 *
 * <p>Which AWS service a REST catalog is comes from the endpoint's host name, or, when the endpoint
 * is not an AWS host (a proxy, a VPC endpoint alias, a test), from the signing name.
 */
final class AwsCatalogRules {
  private static final String CATALOG_PREFIX = "iceberg.catalog.";
  static final String SIGNING_NAME = CATALOG_PREFIX + RestSigning.SIGNING_NAME;
  static final String SIGNING_REGION = CATALOG_PREFIX + RestSigning.SIGNING_REGION;
  static final String AUTH_TYPE = CATALOG_PREFIX + RestSigning.AUTH_TYPE;
  static final String GLUE_CATALOG = "org.apache.iceberg.aws.glue.GlueCatalog";

  /** s3tables.eu-west-1.amazonaws.com, glue-fips.us-east-1.amazonaws.com, ....amazonaws.com.cn */
  private static final Pattern AWS_ENDPOINT =
      Pattern.compile(
          "(s3tables|glue)(?:-fips)?\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.amazonaws\\.com(?:\\.cn)?");

  private static final Pattern TABLE_BUCKET_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:s3tables:([a-z0-9-]+):(\\d{12}):bucket/([a-z0-9][a-z0-9-]{1,61}[a-z0-9])");

  /** The Glue catalog id: an account, or a child catalog such as account:s3tablescatalog/bucket. */
  private static final Pattern GLUE_CATALOG_ID =
      Pattern.compile("(\\d{12})(?::([a-z0-9_-]+)(?:/([a-z0-9_-]+))?)?");

  private static final Pattern S3_WAREHOUSE =
      Pattern.compile("s3a?://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?");

  private enum Service {
    S3TABLES("s3tables"),
    GLUE("glue");

    final String signingName;

    Service(String signingName) {
      this.signingName = signingName;
    }

    static Service bySigningName(String name) {
      for (Service s : values()) {
        if (s.signingName.equals(name)) {
          return s;
        }
      }
      return null;
    }
  }

  private final Map<String, String> props;
  private final Map<String, ConfigValue> values;
  private final List<ConfigValue> extra;

  private AwsCatalogRules(
      Map<String, String> props, Map<String, ConfigValue> values, List<ConfigValue> extra) {
    this.props = props;
    this.values = values;
    this.extra = extra;
  }

  /**
   * Adds errors to the declared keys in {@code values}, and to {@code extra} for the Iceberg keys
   * this connector does not declare (signing name, region, auth type).
   */
  static void check(
      Map<String, String> props, Map<String, ConfigValue> values, List<ConfigValue> extra) {
    AwsCatalogRules rules = new AwsCatalogRules(props, values, extra);
    if (GLUE_CATALOG.equals(rules.trimmed(SinkConfigDef.CATALOG_IMPL))) {
      rules.checkGlueDataCatalog();
    } else if ("rest".equalsIgnoreCase(rules.trimmed(SinkConfigDef.CATALOG_TYPE))) {
      rules.checkRestCatalog();
    }
  }

  private void checkGlueDataCatalog() {
    String warehouse = trimmed(SinkConfigDef.CATALOG_WAREHOUSE);
    if (warehouse != null && S3_WAREHOUSE.matcher(warehouse).matches()) {
      return;
    }
    String why;
    if (warehouse == null) {
      why = "not set; GlueCatalog needs it to place new tables";
    } else if (TABLE_BUCKET_ARN.matcher(warehouse).matches()
        || warehouse.contains("s3tablescatalog")) {
      why =
          "found "
              + warehouse
              + ", an S3 table bucket, which GlueCatalog cannot write; reach a"
              + " table bucket through the REST endpoint instead (config-examples/s3tables-rest.json"
              + " or s3tables-glue-rest.json)";
    } else {
      why = "found " + warehouse;
    }
    values
        .get(SinkConfigDef.CATALOG_WAREHOUSE)
        .addErrorMessage(
            why
                + ": with "
                + SinkConfigDef.CATALOG_IMPL
                + "="
                + GLUE_CATALOG
                + " write "
                + SinkConfigDef.CATALOG_WAREHOUSE
                + "=s3://<general purpose bucket>/<prefix>");
  }

  private void checkRestCatalog() {
    String signingName = trimmed(SIGNING_NAME);
    String host = host(trimmed(SinkConfigDef.CATALOG_URI));
    Matcher endpoint = host == null ? null : AWS_ENDPOINT.matcher(host);
    Service service;
    String region = null;
    if (endpoint != null && endpoint.matches()) {
      service = Service.valueOf(endpoint.group(1).toUpperCase(Locale.ROOT));
      region = endpoint.group(2);
      checkSigning(host, service, region, signingName);
    } else if (sigv4Enabled()) {
      service = Service.bySigningName(signingName);
    } else {
      return;
    }
    if (service == Service.S3TABLES) {
      checkTableBucketArn(region);
    } else if (service == Service.GLUE) {
      checkGlueCatalogId();
    }
  }

  private void checkSigning(String host, Service service, String region, String signingName) {
    if (!sigv4Enabled()) {
      error(
          AUTH_TYPE,
          "AWS accepts only SigV4-signed requests at "
              + host
              + ": write "
              + AUTH_TYPE
              + "=sigv4 with "
              + SIGNING_NAME
              + "="
              + service.signingName
              + " and "
              + SIGNING_REGION
              + "="
              + region);
    }
    if (!service.signingName.equals(signingName)) {
      error(
          SIGNING_NAME,
          (signingName == null
                  ? "not set, so Iceberg signs for '" + RestSigning.DEFAULT_SIGNING_NAME + "'"
                  : "found '" + signingName + "'")
              + ", but AWS checks that requests to "
              + host
              + " are signed for service '"
              + service.signingName
              + "': write "
              + SIGNING_NAME
              + "="
              + service.signingName);
    }
    String signingRegion = trimmed(SIGNING_REGION);
    if (!region.equals(signingRegion)) {
      error(
          SIGNING_REGION,
          (signingRegion == null
                  ? "not set, so Iceberg signs for the worker's default region"
                  : "found '" + signingRegion + "'")
              + ", but "
              + host
              + " is in "
              + region
              + ": write "
              + SIGNING_REGION
              + "="
              + region);
    }
  }

  private void checkTableBucketArn(String endpointRegion) {
    String warehouse = trimmed(SinkConfigDef.CATALOG_WAREHOUSE);
    String form = "the table bucket's ARN, arn:aws:s3tables:<region>:<account id>:bucket/<bucket>";
    if (warehouse == null) {
      warehouseError("not set: S3 Tables' endpoint needs " + form);
      return;
    }
    Matcher arn = TABLE_BUCKET_ARN.matcher(warehouse);
    if (!arn.matches()) {
      Matcher glue = GLUE_CATALOG_ID.matcher(warehouse);
      String hint =
          glue.matches() && "s3tablescatalog".equals(glue.group(2))
              ? " ("
                  + warehouse
                  + " is the Glue form: either write arn:aws:s3tables:"
                  + (endpointRegion == null ? "<region>" : endpointRegion)
                  + ":"
                  + glue.group(1)
                  + ":bucket/"
                  + glue.group(3)
                  + ", or use the Glue endpoint"
                  + " https://glue.<region>.amazonaws.com/iceberg with signing name glue)"
              : "";
      warehouseError("found " + warehouse + ", but S3 Tables' endpoint takes " + form + hint);
    } else if (endpointRegion != null && !endpointRegion.equals(arn.group(1))) {
      warehouseError(
          "the table bucket is in "
              + arn.group(1)
              + " but the endpoint is in "
              + endpointRegion
              + ": use https://s3tables."
              + arn.group(1)
              + ".amazonaws.com/iceberg and signing region "
              + arn.group(1));
    }
  }

  private void checkGlueCatalogId() {
    String warehouse = trimmed(SinkConfigDef.CATALOG_WAREHOUSE);
    String form =
        "<account id>:s3tablescatalog/<table bucket> for an S3 table bucket, or"
            + " <account id> for the Glue Data Catalog itself";
    if (warehouse == null) {
      warehouseError("not set: Glue's Iceberg endpoint needs the catalog id, " + form);
      return;
    }
    if (GLUE_CATALOG_ID.matcher(warehouse).matches()) {
      return;
    }
    Matcher arn = TABLE_BUCKET_ARN.matcher(warehouse);
    String hint =
        arn.matches()
            ? " (for this table bucket: " + arn.group(2) + ":s3tablescatalog/" + arn.group(3) + ")"
            : "";
    warehouseError("found " + warehouse + ", but Glue's Iceberg endpoint takes " + form + hint);
  }

  private boolean sigv4Enabled() {
    return RestSigning.enabled(key -> trimmed(CATALOG_PREFIX + key));
  }

  private void warehouseError(String message) {
    values.get(SinkConfigDef.CATALOG_WAREHOUSE).addErrorMessage(message);
  }

  private void error(String key, String message) {
    ConfigValue value = new ConfigValue(key, props.get(key), List.of(), new ArrayList<>());
    value.addErrorMessage(message);
    extra.add(value);
  }

  private String trimmed(String key) {
    String value = props.get(key);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String host(String uri) {
    if (uri == null) {
      return null;
    }
    try {
      String host = URI.create(uri).getHost();
      return host == null ? null : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
