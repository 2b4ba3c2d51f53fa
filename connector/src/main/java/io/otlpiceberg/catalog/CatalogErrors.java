package io.otlpiceberg.catalog;

import java.io.IOException;
import org.apache.iceberg.exceptions.ServiceFailureException;
import org.apache.iceberg.exceptions.ServiceUnavailableException;

/** What a catalog error means for whoever retries. */
public final class CatalogErrors {
  private CatalogErrors() {}

  /**
   * True for what a catalog that is down or restarting gives: no connection (an I/O error
   * anywhere in the causes, as Iceberg's HTTP client wraps it), or a 5xx answer.
   */
  public static boolean unreachable(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof ServiceUnavailableException
          || t instanceof ServiceFailureException) {
        return true;
      }
    }
    return false;
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
