package io.otlpiceberg.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {
  @Test
  void retriesWhatFailsUntilItPasses() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    int value =
        Poll.until(
            "the third call",
            Duration.ofSeconds(10),
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw new IOException("connection refused");
              }
              return calls.get();
            },
            n -> n >= 3);
    assertThat(value).isEqualTo(3);
  }

  @Test
  void givesUpAtOnceWhenTheCheckSaysWaitingCannotHelp() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                Poll.until(
                    "a dead part",
                    Duration.ofSeconds(30),
                    () -> {
                      calls.incrementAndGet();
                      throw new Poll.GiveUp("the broker exited");
                    },
                    x -> true))
        .isInstanceOf(Poll.GiveUp.class)
        .hasMessage("the broker exited");
    assertThat(calls).hasValue(1);
  }

  @Test
  void timesOutNamingWhatItAwaitedTheLastValueAndTheLastError() {
    assertThatThrownBy(() -> Poll.until("rows", Duration.ofMillis(600), () -> 7, n -> n > 7))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("waiting for rows; last value: 7");
    assertThatThrownBy(
            () ->
                Poll.until(
                    "the catalog",
                    Duration.ofMillis(600),
                    () -> {
                      throw new IOException("refused");
                    },
                    x -> true))
        .hasMessageContaining("last error: java.io.IOException: refused")
        .hasCauseInstanceOf(IOException.class);
  }
}
