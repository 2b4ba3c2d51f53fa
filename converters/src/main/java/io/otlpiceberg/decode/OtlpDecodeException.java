package io.otlpiceberg.decode;

import java.util.Locale;

/**
 * A record value that cannot be turned into rows, with a message that says what was expected and
 * what was found. Independent of Kafka Connect so the decoder can run anywhere (otlp-inspect); the
 * converter turns it into a {@code DataException} naming the topic.
 */
public final class OtlpDecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Where decoding failed, for the decode-error metrics; the message says what. */
  public enum Reason {
    /** The topic is not mapped to a signal. */
    UNMAPPED_TOPIC,
    /** A schema-registry frame (Confluent, AWS Glue) is malformed, or its payload. */
    FRAME,
    /** Not a protobuf export request of the topic's signal. */
    PROTOBUF,
    /** Not an OTLP/JSON export request of the topic's signal. */
    JSON,
    /** Nested deeper than the decoder goes. */
    NESTING;

    /** As in the metric names: {@code unmapped-topic}, {@code protobuf}, ... */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private Reason reason = Reason.PROTOBUF;

  public OtlpDecodeException(String message) {
    super(message);
  }

  public OtlpDecodeException(String message, Throwable cause) {
    super(message, cause);
  }

  public Reason reason() {
    return reason;
  }

  /** Sets where decoding failed; the decoder does, once it knows which stage failed. */
  OtlpDecodeException because(Reason where) {
    this.reason = where;
    return this;
  }
}
