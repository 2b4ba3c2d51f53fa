package io.otlpiceberg.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GlueException;

class CatalogRefusalTest {

  @Test
  void signedRefusalNamesTheSigningSettingsAndTheServerMessage() {
    ForbiddenException refusal =
        new ForbiddenException(
            "Forbidden: Credential should be scoped to correct service: 's3tables'.");
    ConnectException e =
        CatalogRefusal.explain(
            refusal,
            Map.of(
                "uri",
                "https://s3tables.eu-west-1.amazonaws.com/iceberg",
                "rest.auth.type",
                "sigv4",
                "rest.signing-name",
                "s3",
                "rest.signing-region",
                "eu-west-1"));

    assertThat(e.getMessage())
        .startsWith(
            "The Iceberg catalog at https://s3tables.eu-west-1.amazonaws.com/iceberg"
                + " refused the connector's request: Forbidden: Credential should be scoped to correct"
                + " service: 's3tables'.. Requests were SigV4-signed for service 's3' in region"
                + " 'eu-west-1'.")
        .contains("iceberg.catalog.rest.signing-name (s3tables for")
        .contains("iceberg.catalog.rest.signing-region")
        .contains("iam-policy.json");
    assertThat(e.getCause()).isSameAs(refusal);
  }

  @Test
  void unsignedRefusalSaysRequestsWereNotSigned() {
    ConnectException e =
        CatalogRefusal.explain(
            new NotAuthorizedException("Not authorized: x"),
            Map.of("uri", "http://localhost:8181"));
    assertThat(e.getMessage())
        .contains("refused the connector's request: Not authorized: x")
        .contains("were not SigV4-signed");
  }

  @Test
  void defaultSigningNameIsNamedAsIcebergsDefault() {
    ConnectException e =
        CatalogRefusal.explain(
            new ForbiddenException("Forbidden: no"),
            Map.of(
                "uri",
                "https://glue.eu-west-1.amazonaws.com/iceberg",
                "rest.sigv4-enabled",
                "true"));
    assertThat(e.getMessage())
        .contains("service 'execute-api (Iceberg's default)'")
        .contains("region '(the default region)'");
  }

  @Test
  void glueRefusingTheCredentialsNamesTheServiceTheCredentialsAndTheActions() {
    GlueException refusal =
        glueError(
            400,
            "UnrecognizedClientException",
            "The security token included in the request is invalid.");
    RuntimeException wrapped = new RuntimeException("lookup failed", refusal);

    assertThat(CatalogRefusal.isRefusal(wrapped)).isTrue();
    ConnectException e =
        CatalogRefusal.explain(
            wrapped,
            Map.of(
                "catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog",
                "client.region", "eu-west-1"));
    assertThat(e.getMessage())
        .startsWith(
            "The Glue API that GlueCatalog calls (endpoint the region's endpoint, region"
                + " eu-west-1) refused the connector's request: The security token included in the"
                + " request is invalid.")
        .contains("service execution role")
        .contains("glue:CreateTable")
        .contains("s3:PutObject");
    assertThat(e.getCause()).isSameAs(wrapped);
  }

  @Test
  void a403WithAnyCodeIsARefusal() {
    assertThat(CatalogRefusal.isRefusal(glueError(403, null, "Forbidden"))).isTrue();
  }

  @Test
  void awsErrorsThatAreNoRefusalAreLeftAlone() {
    assertThat(
            CatalogRefusal.isRefusal(
                EntityNotFoundException.builder()
                    .statusCode(400)
                    .awsErrorDetails(
                        AwsErrorDetails.builder()
                            .errorCode("EntityNotFoundException")
                            .serviceName("Glue")
                            .build())
                    .build()))
        .isFalse();
    assertThat(CatalogRefusal.isRefusal(glueError(500, "InternalServiceException", "x"))).isFalse();
    assertThat(CatalogRefusal.isRefusal(new NoSuchTableException("no table"))).isFalse();
  }

  private static GlueException glueError(int status, String code, String message) {
    return (GlueException)
        GlueException.builder()
            .statusCode(status)
            .message(message)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode(code)
                    .errorMessage(message)
                    .serviceName("Glue")
                    .build())
            .build();
  }
}
