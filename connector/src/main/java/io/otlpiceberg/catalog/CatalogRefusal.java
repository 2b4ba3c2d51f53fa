package io.otlpiceberg.catalog;

import java.util.Map;
import java.util.Set;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.kafka.connect.errors.ConnectException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Turns a catalog's refusal into a message that says what to check. Behind AWS's Iceberg REST
 * endpoints a refusal is nearly always one of three things: the SigV4 signing name or region does
 * not match the endpoint, or the credentials lack a permission; Iceberg's own exception only quotes
 * the server. A catalog that calls an AWS API itself ({@code GlueCatalog}) is refused by the AWS
 * SDK's exception instead, and then it is the credentials or their permissions.
 */
public final class CatalogRefusal {
  /**
   * AWS's error codes for "who are you" and "not allowed", across the JSON (Glue) and XML (STS, S3)
   * protocols; AWS answers some with 400, not 401/403.
   */
  private static final Set<String> AWS_REFUSAL_CODES =
      Set.of(
          "UnrecognizedClientException",
          "InvalidClientTokenId",
          "InvalidSignatureException",
          "SignatureDoesNotMatch",
          "IncompleteSignature",
          "MissingAuthenticationTokenException",
          "AccessDeniedException",
          "AccessDenied",
          "ExpiredTokenException",
          "ExpiredToken",
          "InvalidAccessKeyId");

  private CatalogRefusal() {}

  /** Whether {@code error} is a catalog refusing the connector (not a catalog that is down). */
  public static boolean isRefusal(RuntimeException error) {
    return isIcebergRefusal(error) || awsRefusal(error) != null;
  }

  /** A REST catalog's 401/403, as Iceberg's HTTP client raises it. */
  private static boolean isIcebergRefusal(RuntimeException error) {
    return error instanceof ForbiddenException || error instanceof NotAuthorizedException;
  }

  /** The AWS SDK's refusal among the causes of {@code error}, or null. */
  private static AwsServiceException awsRefusal(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof AwsServiceException aws
          && (aws.statusCode() == 401
              || aws.statusCode() == 403
              || (aws.awsErrorDetails() != null
                  && AWS_REFUSAL_CODES.contains(aws.awsErrorDetails().errorCode())))) {
        return aws;
      }
    }
    return null;
  }

  /**
   * @param refusal an error for which {@link #isRefusal} holds
   * @param catalogProps the {@code iceberg.catalog.*} properties, without the prefix
   */
  public static ConnectException explain(
      RuntimeException refusal, Map<String, String> catalogProps) {
    AwsServiceException aws = awsRefusal(refusal);
    if (aws != null && !isIcebergRefusal(refusal)) {
      return explainAws(refusal, aws, catalogProps);
    }
    String uri = catalogProps.getOrDefault("uri", "(no uri)");
    StringBuilder message =
        new StringBuilder()
            .append("The Iceberg catalog at ")
            .append(uri)
            .append(" refused the connector's request: ")
            .append(refusal.getMessage())
            .append(". ");
    if (RestSigning.enabled(catalogProps::get)) {
      message
          .append("Requests were SigV4-signed for service '")
          .append(
              catalogProps.getOrDefault(
                  RestSigning.SIGNING_NAME,
                  RestSigning.DEFAULT_SIGNING_NAME + " (Iceberg's default)"))
          .append("' in region '")
          .append(catalogProps.getOrDefault(RestSigning.SIGNING_REGION, "(the default region)"))
          .append(
              "'. Check iceberg.catalog.rest.signing-name (s3tables for"
                  + " https://s3tables.<region>.amazonaws.com/iceberg, glue for"
                  + " https://glue.<region>.amazonaws.com/iceberg), iceberg.catalog.rest.signing-region"
                  + " (the endpoint's region), and that the credentials (on MSK Connect: the service"
                  + " execution role) are allowed the catalog actions, see"
                  + " config-examples/msk-connect/iam-policy.json.");
    } else {
      message.append(
          "Requests were not SigV4-signed (iceberg.catalog.rest.auth.type is not sigv4):"
              + " AWS endpoints refuse unsigned requests; other catalogs need their credentials in"
              + " iceberg.catalog.* (e.g. rest.auth.type=oauth2 with credential or token).");
    }
    return new ConnectException(message.toString(), refusal);
  }

  private static ConnectException explainAws(
      RuntimeException refusal, AwsServiceException aws, Map<String, String> catalogProps) {
    String impl = catalogProps.getOrDefault("catalog-impl", "the catalog");
    String service =
        aws.awsErrorDetails() != null && aws.awsErrorDetails().serviceName() != null
            ? aws.awsErrorDetails().serviceName()
            : "AWS";
    String endpoint = catalogProps.getOrDefault("glue.endpoint", "the region's endpoint");
    String message =
        "The "
            + service
            + " API that "
            + impl.substring(impl.lastIndexOf('.') + 1)
            + " calls (endpoint "
            + endpoint
            + ", region "
            + catalogProps.getOrDefault("client.region", "from the AWS default chain")
            + ") refused the connector's request: "
            + aws.getMessage()
            + ". Check the credentials the"
            + " workers get (on MSK Connect: the service execution role; elsewhere the AWS default"
            + " chain: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, an instance role)"
            + " and that they are allowed the catalog's actions (for GlueCatalog: glue:GetDatabase,"
            + " glue:CreateDatabase, glue:GetTable, glue:GetTables, glue:CreateTable,"
            + " glue:UpdateTable) and s3:GetObject, s3:PutObject, s3:DeleteObject and s3:ListBucket"
            + " on the warehouse.";
    return new ConnectException(message, refusal);
  }
}
