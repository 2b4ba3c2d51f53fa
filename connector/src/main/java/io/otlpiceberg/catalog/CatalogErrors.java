package io.otlpiceberg.catalog;

import java.io.IOException;
import org.apache.iceberg.exceptions.ServiceFailureException;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** What a catalog error means for whoever retries. */
public final class CatalogErrors {
  private CatalogErrors() {}

  /**
   * True for what a catalog that is down, restarting or busy gives: no connection (an I/O error
   * anywhere in the causes, as Iceberg's HTTP client wraps it, or the AWS SDK's client error), a
   * 5xx answer, or an AWS service asking to slow down (Glue's 400 {@code ThrottlingException}).
   */
  public static boolean unreachable(Throwable error) {
    boolean down = false;
    for (Throwable t = error; t != null; t = t.getCause()) {
      // The service's own answer decides, however deep it is wrapped.
      if (t instanceof AwsServiceException aws) {
        return passing(aws);
      }
      down |= t instanceof IOException || t instanceof ServiceUnavailableException
          || t instanceof ServiceFailureException || t instanceof SdkClientException;
    }
    return down;
  }

  /** Whether an AWS service's answer says to try again later: a 5xx, or throttling. */
  static boolean passing(AwsServiceException answer) {
    return answer.statusCode() >= 500 || answer.isThrottlingException();
  }

  /** The error and, where Iceberg wrapped it, what lies beneath (e.g. Connection refused). */
  public static String reason(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == error ? error.toString() : error + ", caused by " + root;
  }
}
