package io.otlpiceberg.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.otlpiceberg.OtlpJsonFixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Property: a request with every field set, printed as OTLP/JSON in any of the ways exporters print
 * it (lowerCamelCase or proto names, enums as names or numbers, default values written or left out,
 * ids in either case), decodes to exactly the message, and so the rows, its protobuf encoding
 * gives. The requests are random with fixed seeds; a failure names its seed.
 */
class JsonRequestsMatchProtobufTest {
  private static final int REQUESTS = 200;
  private static final OtlpDecoder DECODER = new OtlpDecoder();

  @ParameterizedTest
  @EnumSource(Signal.class)
  void everyFieldReadsAsProtobufHasIt(Signal signal) throws Exception {
    for (int seed = 0; seed < REQUESTS; seed++) {
      Message request = new RandomMessages(seed).next(signal.emptyRequest());
      Printing printing = Printing.values()[seed % Printing.values().length];
      byte[] json = OtlpJsonFixtures.print(request, printing.printer, seed % 3 == 0);
      String context =
          String.format(
              "%s, seed %d, printed %s:%n%s",
              signal.label(), seed, printing, new String(json, StandardCharsets.UTF_8));

      Message read = OtlpJsonReader.read(signal, new Payload(json, 0, json.length));
      assertThat(read).as(context).isEqualTo(request);
      assertThat(DECODER.decode(signal, json).asMap())
          .as(context)
          .isEqualTo(DECODER.decode(signal, request.toByteArray()).asMap());
    }
  }

  private enum Printing {
    CAMEL_CASE(JsonFormat.printer()),
    PROTO_NAMES(JsonFormat.printer().preservingProtoFieldNames()),
    ENUM_NUMBERS_AND_DEFAULTS(
        JsonFormat.printer().printingEnumsAsInts().alwaysPrintFieldsWithNoPresence()),
    PROTO_NAMES_AND_DEFAULTS(
        JsonFormat.printer().preservingProtoFieldNames().alwaysPrintFieldsWithNoPresence());

    final JsonFormat.Printer printer;

    Printing(JsonFormat.Printer printer) {
      this.printer = printer;
    }
  }
}
