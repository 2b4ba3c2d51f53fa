package io.otlpiceberg.decode;

/**
 * A record value that cannot be turned into rows, with a message that says what was expected
 * and what was found. Independent of Kafka Connect so the decoder can run anywhere (otlp-inspect);
 * the converter turns it into a {@code DataException} naming the topic.
 */
public final class OtlpDecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  public OtlpDecodeException(String message) {
    super(message);
  }

  public OtlpDecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
