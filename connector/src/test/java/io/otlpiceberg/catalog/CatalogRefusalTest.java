package io.otlpiceberg.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class CatalogRefusalTest {

  @Test
  void signedRefusalNamesTheSigningSettingsAndTheServerMessage() {
    ForbiddenException refusal = new ForbiddenException(
        "Forbidden: Credential should be scoped to correct service: 's3tables'.");
    ConnectException e = CatalogRefusal.explain(refusal, Map.of(
        "uri", "https://s3tables.eu-west-1.amazonaws.com/iceberg",
        "rest.auth.type", "sigv4", "rest.signing-name", "s3", "rest.signing-region", "eu-west-1"));

    assertThat(e.getMessage())
        .startsWith("The Iceberg catalog at https://s3tables.eu-west-1.amazonaws.com/iceberg"
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
    ConnectException e = CatalogRefusal.explain(new NotAuthorizedException("Not authorized: x"),
        Map.of("uri", "http://localhost:8181"));
    assertThat(e.getMessage()).contains("refused the connector's request: Not authorized: x")
        .contains("were not SigV4-signed");
  }

  @Test
  void defaultSigningNameIsNamedAsIcebergsDefault() {
    ConnectException e = CatalogRefusal.explain(new ForbiddenException("Forbidden: no"),
        Map.of("uri", "https://glue.eu-west-1.amazonaws.com/iceberg",
            "rest.sigv4-enabled", "true"));
    assertThat(e.getMessage()).contains("service 'execute-api (Iceberg's default)'")
        .contains("region '(the default region)'");
  }
}
