package io.otlpiceberg.catalog;

import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Turns a catalog's 401/403 into a message that says what to check. Behind AWS's Iceberg endpoints
 * a refusal is nearly always one of three things: the SigV4 signing name or region does not match
 * the endpoint, or the credentials lack a permission; Iceberg's own exception only quotes the
 * server.
 */
public final class CatalogRefusal {
  private CatalogRefusal() {}

  /**
   * @param refusal Iceberg's ForbiddenException or NotAuthorizedException
   * @param catalogProps the {@code iceberg.catalog.*} properties, without the prefix
   */
  public static ConnectException explain(RuntimeException refusal,
      Map<String, String> catalogProps) {
    String uri = catalogProps.getOrDefault("uri", "(no uri)");
    StringBuilder message = new StringBuilder()
        .append("The Iceberg catalog at ").append(uri)
        .append(" refused the connector's request: ").append(refusal.getMessage()).append(". ");
    if (RestSigning.enabled(catalogProps::get)) {
      message.append("Requests were SigV4-signed for service '")
          .append(catalogProps.getOrDefault(RestSigning.SIGNING_NAME,
              RestSigning.DEFAULT_SIGNING_NAME + " (Iceberg's default)"))
          .append("' in region '")
          .append(catalogProps.getOrDefault(RestSigning.SIGNING_REGION, "(the default region)"))
          .append("'. Check iceberg.catalog.rest.signing-name (s3tables for"
              + " https://s3tables.<region>.amazonaws.com/iceberg, glue for"
              + " https://glue.<region>.amazonaws.com/iceberg), iceberg.catalog.rest.signing-region"
              + " (the endpoint's region), and that the credentials (on MSK Connect: the service"
              + " execution role) are allowed the catalog actions, see"
              + " config-examples/msk-connect/iam-policy.json.");
    } else {
      message.append("Requests were not SigV4-signed (iceberg.catalog.rest.auth.type is not sigv4):"
          + " AWS endpoints refuse unsigned requests; other catalogs need their credentials in"
          + " iceberg.catalog.* (e.g. rest.auth.type=oauth2 with credential or token).");
    }
    return new ConnectException(message.toString(), refusal);
  }
}
