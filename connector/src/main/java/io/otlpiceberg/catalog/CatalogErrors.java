package io.otlpiceberg.catalog;

import java.io.IOException;
import java.util.function.Predicate;
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
    return passes(
        error,
        t ->
            t instanceof IOException
                || t instanceof ServiceUnavailableException
                || t instanceof ServiceFailureException
                || t instanceof SdkClientException);
  }

  /**
   * Whether trying again later may help: an AWS service's own answer decides, however deep it is
   * wrapped (a 5xx or throttling: yes; any other: no); without one, whether any of the causes is of
   * a kind that passes.
   */
  static boolean passes(Throwable error, Predicate<Throwable> passingKind) {
    boolean passing = false;
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof AwsServiceException aws) {
        return aws.statusCode() >= 500 || aws.isThrottlingException();
      }
      passing |= passingKind.test(t);
    }
    return passing;
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
