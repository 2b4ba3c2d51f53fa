package io.otlpiceberg.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.iceberg.exceptions.RuntimeIOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Which write failures make the round be written again, and which fail the task. */
class StorageFailuresTest {

  @Test
  void theStoresOwnAnswerDecidesHoweverDeepItIsWrapped() {
    assertThat(
            StorageFailures.passing(
                new UncheckedIOException(new IOException("close", s3(503, "SlowDown")))))
        .isTrue();
    assertThat(StorageFailures.passing(new RuntimeException(s3(500, "InternalError")))).isTrue();
    assertThat(
            StorageFailures.passing(
                new UncheckedIOException(new IOException("close", s3(403, "AccessDenied")))))
        .isFalse();
    assertThat(StorageFailures.passing(s3(404, "NoSuchBucket"))).isFalse();
  }

  @Test
  void connectionAndFileSystemFailuresPassAndBugsDoNot() {
    assertThat(StorageFailures.passing(SdkClientException.create("Unable to execute HTTP request")))
        .isTrue();
    assertThat(StorageFailures.passing(new RuntimeIOException("disk full"))).isTrue();
    assertThat(StorageFailures.passing(new IllegalStateException("a bug"))).isFalse();
    assertThat(StorageFailures.passing(new NullPointerException())).isFalse();
  }

  private static S3Exception s3(int status, String code) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .build();
  }
}
