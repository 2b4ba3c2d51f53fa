package io.otlpiceberg.fieldhomes;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.otlpiceberg.OtlpJsonFixtures;
import io.otlpiceberg.decode.OtlpDecodeException;
import io.otlpiceberg.decode.OtlpDecoder;
import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.rows.TableRows;

/** The export request of each signal, and its rows as the converter makes them. */
final class ExportRequests {
  private static final OtlpDecoder DECODER = new OtlpDecoder();

  /** How a request reaches the decoder: both ways the Collector's Kafka exporter writes. */
  enum Encoding {
    PROTOBUF,
    JSON
  }

  private ExportRequests() {}

  static Message defaultInstance(Signal signal) {
    switch (signal) {
      case TRACES:
        return ExportTraceServiceRequest.getDefaultInstance();
      case LOGS:
        return ExportLogsServiceRequest.getDefaultInstance();
      default:
        return ExportMetricsServiceRequest.getDefaultInstance();
    }
  }

  /** The request's rows, decoded from its bytes as a Kafka record value would be. */
  static TableRows rows(Signal signal, Message request, Encoding encoding)
      throws OtlpDecodeException {
    byte[] value =
        encoding == Encoding.PROTOBUF
            ? request.toByteArray()
            : OtlpJsonFixtures.print(request, false);
    return DECODER.decode(signal, value);
  }
}
