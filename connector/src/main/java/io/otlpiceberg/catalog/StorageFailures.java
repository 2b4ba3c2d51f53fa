package io.otlpiceberg.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.iceberg.exceptions.RuntimeIOException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Which failures of a data file write are the object store's, and pass: a file written again a
 * round later may succeed. A refusal (403 and the other 4xx answers) is not one: writing again
 * would be refused again, so it fails the task with the store's answer.
 */
public final class StorageFailures {
  private StorageFailures() {}

  public static boolean passing(Throwable failure) {
    return CatalogErrors.passes(
        failure,
        t ->
            t instanceof SdkClientException
                || t instanceof IOException
                || t instanceof UncheckedIOException
                || t instanceof RuntimeIOException);
  }
}
