package io.otlpiceberg.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.RESTException;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.glue.model.GlueException;

class CatalogStartupTest {
  private final List<Duration> pauses = new ArrayList<>();
  private long now;
  private final CatalogStartup.Clock clock =
      new CatalogStartup.Clock() {
        @Override
        public long nanoTime() {
          return now;
        }

        @Override
        public void sleep(Duration pause) {
          pauses.add(pause);
          now += pause.toNanos();
        }
      };

  /** What Iceberg's HTTP client throws when nothing listens at the catalog's address. */
  private static RuntimeException refusedConnection() {
    return new RESTException(
        new ConnectException("Connection refused"), "Error occurred while processing GET request");
  }

  @Test
  void waitsOutACatalogThatIsNotUpYetWithGrowingPauses() {
    Catalog catalog = new InMemoryCatalog();
    AtomicInteger attempts = new AtomicInteger();
    Supplier<Catalog> attempt =
        () -> {
          int n = attempts.incrementAndGet();
          if (n <= 3) {
            throw refusedConnection();
          }
          if (n == 4) {
            throw new ServiceUnavailableException("503 while the catalog restarts");
          }
          return catalog;
        };
    assertThat(CatalogStartup.open(attempt, "http://catalog:8181", Duration.ofMinutes(5), clock))
        .isSameAs(catalog);
    assertThat(pauses)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8));
  }

  /** Glue answers a busy account with 400 ThrottlingException: a pause, not a refusal. */
  @Test
  void waitsOutGlueThrottlingButNotGlueRefusingTheCredentials() {
    Catalog catalog = new InMemoryCatalog();
    AtomicInteger attempts = new AtomicInteger();
    assertThat(
            CatalogStartup.open(
                () -> {
                  if (attempts.incrementAndGet() == 1) {
                    throw glue(400, "ThrottlingException");
                  }
                  return catalog;
                },
                "glue",
                Duration.ofMinutes(5),
                clock))
        .isSameAs(catalog);
    assertThat(pauses).containsExactly(Duration.ofSeconds(1));

    assertThatThrownBy(
            () ->
                CatalogStartup.open(
                    () -> {
                      throw glue(400, "UnrecognizedClientException");
                    },
                    "glue",
                    Duration.ofMinutes(5),
                    clock))
        .isInstanceOf(GlueException.class);
    assertThat(pauses).hasSize(1);
  }

  private static GlueException glue(int status, String code) {
    return (GlueException)
        GlueException.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).serviceName("Glue").build())
            .build();
  }

  @Test
  void givesUpAfterTheTimeoutNamingTheCatalogAndTheLastError() {
    assertThatThrownBy(
            () ->
                CatalogStartup.open(
                    () -> {
                      throw refusedConnection();
                    },
                    "http://catalog:8181",
                    Duration.ofSeconds(60),
                    clock))
        .isInstanceOf(org.apache.kafka.connect.errors.ConnectException.class)
        .hasMessageContaining("http://catalog:8181 could not be reached for 60 s")
        .hasMessageContaining("Connection refused")
        .hasMessageContaining("iceberg.catalog.uri");
    // 1 + 2 + 4 + 8 + 16 s slept; the next pause (30 s) would pass the deadline.
    assertThat(pauses).hasSize(5);
    assertThat(now).isLessThanOrEqualTo(Duration.ofSeconds(60).toNanos());
  }

  @Test
  void failsAtOnceOnWhatWaitingCannotMend() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(
            () ->
                CatalogStartup.open(
                    () -> {
                      attempts.incrementAndGet();
                      throw new ForbiddenException("Forbidden: signature does not match");
                    },
                    "http://catalog:8181",
                    Duration.ofMinutes(5),
                    clock))
        .isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(
            () ->
                CatalogStartup.open(
                    () -> {
                      attempts.incrementAndGet();
                      throw new org.apache.kafka.connect.errors.ConnectException(
                          "Table otel.traces does not exist and otlp.tables.create is false");
                    },
                    "http://catalog:8181",
                    Duration.ofMinutes(5),
                    clock))
        .hasMessageContaining("otlp.tables.create");
    assertThat(attempts).hasValue(2);
    assertThat(pauses).isEmpty();
  }
}
