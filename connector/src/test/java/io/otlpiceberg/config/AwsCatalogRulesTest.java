package io.otlpiceberg.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** The AWS catalog forms, checked through the connector's whole validation. */
class AwsCatalogRulesTest {
  private static final String URI = "iceberg.catalog.uri";
  private static final String WAREHOUSE = "iceberg.catalog.warehouse";
  private static final String NAME = "iceberg.catalog.rest.signing-name";
  private static final String REGION = "iceberg.catalog.rest.signing-region";
  private static final String AUTH = "iceberg.catalog.rest.auth.type";
  private static final String ARN = "arn:aws:s3tables:eu-west-1:111122223333:bucket/telemetry";

  private static Map<String, String> base() {
    Map<String, String> props = new HashMap<>();
    props.put("name", "otlp");
    props.put("connector.class", "io.otlpiceberg.sink.OtlpIcebergSinkConnector");
    props.put("topics", "otlp_spans");
    props.put("value.converter", "io.otlpiceberg.converter.OtlpConverter");
    return props;
  }

  private static Map<String, String> s3Tables() {
    Map<String, String> props = base();
    props.put("iceberg.catalog.type", "rest");
    props.put(URI, "https://s3tables.eu-west-1.amazonaws.com/iceberg");
    props.put(WAREHOUSE, ARN);
    props.put(AUTH, "sigv4");
    props.put(NAME, "s3tables");
    props.put(REGION, "eu-west-1");
    return props;
  }

  private static Map<String, String> glueRest() {
    Map<String, String> props = s3Tables();
    props.put(URI, "https://glue.eu-west-1.amazonaws.com/iceberg");
    props.put(WAREHOUSE, "111122223333:s3tablescatalog/telemetry");
    props.put(NAME, "glue");
    return props;
  }

  private static Map<String, String> glueCatalog(String warehouse) {
    Map<String, String> props = base();
    props.put("iceberg.catalog.catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog");
    props.put("iceberg.catalog.io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    if (warehouse != null) {
      props.put(WAREHOUSE, warehouse);
    }
    return props;
  }

  private static Map<String, List<String>> errors(Map<String, String> props) {
    return ConfigValidation.validate(props).configValues().stream()
        .filter(v -> !v.errorMessages().isEmpty())
        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  private static String only(Map<String, String> props, String key) {
    Map<String, List<String>> errors = errors(props);
    assertThat(errors).containsOnlyKeys(key);
    assertThat(errors.get(key)).hasSize(1);
    return errors.get(key).get(0);
  }

  @Test
  void theThreeAwsFormsAreValid() {
    assertThat(errors(s3Tables())).isEmpty();
    assertThat(errors(glueRest())).isEmpty();
    assertThat(errors(glueCatalog("s3://telemetry-lake/iceberg"))).isEmpty();
    Map<String, String> glueDefaultCatalog = glueRest();
    glueDefaultCatalog.put(WAREHOUSE, "111122223333");
    assertThat(errors(glueDefaultCatalog)).isEmpty();
  }

  @Test
  void s3TablesEndpointWantsTheBucketArnAndTranslatesTheGlueForm() {
    Map<String, String> props = s3Tables();
    props.put(WAREHOUSE, "111122223333:s3tablescatalog/telemetry");
    assertThat(only(props, WAREHOUSE))
        .contains("arn:aws:s3tables:<region>:<account id>:bucket/<bucket>")
        .contains("write " + ARN)
        .contains("https://glue.<region>.amazonaws.com/iceberg");

    props.put(WAREHOUSE, "s3://telemetry/warehouse");
    assertThat(only(props, WAREHOUSE)).startsWith("found s3://telemetry/warehouse, but S3 Tables'");

    props.remove(WAREHOUSE);
    assertThat(only(props, WAREHOUSE)).startsWith("not set: S3 Tables' endpoint needs");
  }

  @Test
  void bucketAndEndpointMustBeInOneRegion() {
    Map<String, String> props = s3Tables();
    props.put(WAREHOUSE, ARN.replace("eu-west-1", "us-east-1"));
    assertThat(only(props, WAREHOUSE))
        .contains("bucket is in us-east-1 but the endpoint is in eu-west-1")
        .contains("https://s3tables.us-east-1.amazonaws.com/iceberg");
  }

  @Test
  void glueEndpointWantsTheCatalogIdAndTranslatesTheArn() {
    Map<String, String> props = glueRest();
    props.put(WAREHOUSE, ARN);
    assertThat(only(props, WAREHOUSE))
        .contains("<account id>:s3tablescatalog/<table bucket>")
        .contains("for this table bucket: 111122223333:s3tablescatalog/telemetry");
  }

  @Test
  void signingNameMustMatchTheEndpoint() {
    Map<String, String> props = s3Tables();
    props.put(NAME, "glue");
    assertThat(only(props, NAME))
        .isEqualTo(
            "found 'glue', but AWS checks that requests to s3tables.eu-west-1.amazonaws.com"
                + " are signed for service 's3tables': write "
                + NAME
                + "=s3tables");

    props = glueRest();
    props.remove(NAME);
    assertThat(only(props, NAME))
        .startsWith("not set, so Iceberg signs for 'execute-api'")
        .endsWith("write " + NAME + "=glue");
  }

  @Test
  void signingRegionMustMatchTheEndpoint() {
    Map<String, String> props = s3Tables();
    props.put(REGION, "us-east-1");
    assertThat(only(props, REGION)).contains("is in eu-west-1").endsWith(REGION + "=eu-west-1");
    props.remove(REGION);
    assertThat(only(props, REGION)).startsWith("not set");
  }

  @Test
  void awsEndpointsNeedSigV4() {
    Map<String, String> props = s3Tables();
    props.remove(AUTH);
    assertThat(only(props, AUTH)).contains("only SigV4-signed requests").contains(AUTH + "=sigv4");
    props.put("iceberg.catalog.rest.sigv4-enabled", "true");
    assertThat(errors(props)).isEmpty();
  }

  @Test
  void aProxyOrTestEndpointIsCheckedByItsSigningName() {
    Map<String, String> props = s3Tables();
    props.put(URI, "http://127.0.0.1:8181/iceberg");
    assertThat(errors(props)).isEmpty();
    props.put(WAREHOUSE, "telemetry");
    assertThat(only(props, WAREHOUSE)).startsWith("found telemetry, but S3 Tables' endpoint");

    Map<String, String> plainRest = base();
    plainRest.put("iceberg.catalog.type", "rest");
    plainRest.put(URI, "http://localhost:8181");
    plainRest.put(WAREHOUSE, "anything-the-catalog-understands");
    assertThat(errors(plainRest)).isEmpty();
  }

  @Test
  void glueDataCatalogWantsAnS3Warehouse() {
    assertThat(only(glueCatalog(null), WAREHOUSE))
        .startsWith("not set; GlueCatalog needs it")
        .endsWith("write " + WAREHOUSE + "=s3://<general purpose bucket>/<prefix>");
    assertThat(only(glueCatalog(ARN), WAREHOUSE))
        .contains("an S3 table bucket")
        .contains("s3tables-rest.json");
    assertThat(only(glueCatalog("telemetry"), WAREHOUSE)).startsWith("found telemetry:");
  }
}
