package io.otlpiceberg.decode;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.otlpiceberg.rows.LogRows;
import io.otlpiceberg.rows.MetricRows;
import io.otlpiceberg.rows.TableRows;
import io.otlpiceberg.rows.TraceRows;
import java.io.IOException;

/**
 * Turns one Kafka record value into the rows it holds: strips a schema-registry frame if there is
 * one, tells OTLP/JSON from protobuf, parses the export request of the given signal and fans it out
 * into table rows. Thread-safe; holds no state but its limits.
 */
public final class OtlpDecoder {
  /** Default bound on what a compressed (AWS Glue zlib) payload may inflate to. */
  public static final int DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

  private final int maxDecompressedBytes;

  public OtlpDecoder() {
    this(DEFAULT_MAX_DECOMPRESSED_BYTES);
  }

  public OtlpDecoder(int maxDecompressedBytes) {
    this.maxDecompressedBytes = maxDecompressedBytes;
  }

  /**
   * The rows of one record value.
   *
   * @throws OtlpDecodeException with the reason, for anything that is not a valid request of this
   *     signal. Anything else thrown is a bug in the decoder, and is left to fail loudly rather
   *     than be passed off as a bad record.
   */
  public TableRows decode(Signal signal, byte[] value) throws OtlpDecodeException {
    Payload payload;
    try {
      payload = Frames.strip(value, maxDecompressedBytes);
    } catch (OtlpDecodeException e) {
      throw e.because(OtlpDecodeException.Reason.FRAME);
    }
    try {
      if (payload.looksLikeJson()) {
        try {
          return decodeJsonOrProtobuf(signal, payload);
        } catch (OtlpDecodeException e) {
          throw e.because(OtlpDecodeException.Reason.JSON);
        }
      }
      try {
        return decodeProtobuf(signal, payload);
      } catch (OtlpDecodeException e) {
        throw withSignalHint(signal, payload, e).because(OtlpDecodeException.Reason.PROTOBUF);
      }
    } catch (StackOverflowError e) {
      // OTLP/JSON nested deeper than the thread's stack: hostile input, not a bug.
      throw new OtlpDecodeException("the request is nested too deeply", e)
          .because(OtlpDecodeException.Reason.NESTING);
    }
  }

  private static TableRows decodeJsonOrProtobuf(Signal signal, Payload payload)
      throws OtlpDecodeException {
    try {
      return decodeJson(signal, payload);
    } catch (OtlpDecodeException | IOException jsonError) {
      OtlpDecodeException reported =
          jsonError instanceof OtlpDecodeException
              ? new OtlpDecodeException("invalid OTLP/JSON: " + jsonError.getMessage(), jsonError)
              : new OtlpDecodeException("invalid OTLP/JSON: " + firstLine(jsonError), jsonError);
      // "\n{" also starts a protobuf request whose first entry is 123 bytes long.
      if (payload.mayBeProtobuf()) {
        try {
          return decodeProtobuf(signal, payload);
        } catch (OtlpDecodeException protobufError) {
          throw reported;
        }
      }
      throw reported;
    }
  }

  private static TableRows decodeJson(Signal signal, Payload payload)
      throws OtlpDecodeException, IOException {
    return rows(signal, OtlpJsonReader.read(signal, payload));
  }

  private static TableRows decodeProtobuf(Signal signal, Payload payload)
      throws OtlpDecodeException {
    return rows(signal, ProtoRequests.parse(signal, payload));
  }

  /** The request is of the class of {@link Signal#emptyRequest}, whichever reader made it. */
  private static TableRows rows(Signal signal, Message request) throws OtlpDecodeException {
    TableRows rows = new TableRows();
    switch (signal) {
      case TRACES:
        TraceRows.append((ExportTraceServiceRequest) request, rows);
        break;
      case LOGS:
        LogRows.append((ExportLogsServiceRequest) request, rows);
        break;
      default:
        MetricRows.append((ExportMetricsServiceRequest) request, rows);
    }
    return rows;
  }

  /**
   * When bytes are not a request of the topic's signal, says so if they are one of another: the
   * usual cause is a topic mapped to the wrong signal. Costs nothing on the good path.
   */
  private static OtlpDecodeException withSignalHint(
      Signal signal, Payload payload, OtlpDecodeException e) {
    for (Signal other : Signal.values()) {
      if (other != signal) {
        try {
          if (decodeProtobuf(other, payload).count() > 0) {
            return new OtlpDecodeException(
                e.getMessage()
                    + "; the bytes are a valid "
                    + other.label()
                    + " request: is the"
                    + " topic mapped to the right signal?",
                e);
          }
        } catch (OtlpDecodeException notThatEither) {
          // keep looking
        }
      }
    }
    return e;
  }

  /** Jackson's messages append the source location on further lines; one line is enough. */
  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
