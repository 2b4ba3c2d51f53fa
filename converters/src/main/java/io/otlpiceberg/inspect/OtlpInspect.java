package io.otlpiceberg.inspect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.otlpiceberg.decode.OtlpDecodeException;
import io.otlpiceberg.decode.OtlpDecoder;
import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.rows.TableRows;
import io.otlpiceberg.tables.OtlpTable;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code otlp-inspect}: shows what record values become, one JSON object per row, e.g. for a record
 * taken from the dead-letter queue.
 *
 * <pre>java -jar otlp-inspect.jar --signal traces|logs|metrics [--summary] FILE...</pre>
 *
 * Each FILE is one record value, exactly as it sat in Kafka. A file that cannot be decoded gives
 * one line on stderr, starting with its name; the other files are still decoded, and the exit
 * status is then 1.
 */
public final class OtlpInspect {
  static final String USAGE =
      "usage: java -jar otlp-inspect.jar --signal traces|logs|metrics [--summary] FILE...\n"
          + "  Decodes each FILE (one Kafka record value: OTLP protobuf or JSON, optionally in a\n"
          + "  Confluent or AWS Glue schema-registry frame) and prints one JSON object per row,\n"
          + "  with its \"table\" and its columns. --summary prints the number of rows per table.";

  private OtlpInspect() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    System.exit(status);
  }

  /** Runs the tool; returns the exit status (0 ok, 1 a file failed, 2 bad usage). */
  static int run(String[] args, OutputStream stdout, PrintStream stderr) {
    Signal signal = null;
    boolean summary = false;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      boolean spaced = arg.equals("--signal") && i + 1 < args.length;
      if (spaced || arg.startsWith("--signal=")) {
        String name = spaced ? args[++i] : arg.substring("--signal=".length());
        signal = Signal.parse(name);
        if (signal == null) {
          stderr.println("--signal must be traces, logs or metrics, not '" + name + "'");
          stderr.println(USAGE);
          return 2;
        }
      } else if (arg.equals("--summary")) {
        summary = true;
      } else if (arg.equals("--help") || arg.equals("-h")) {
        stderr.println(USAGE);
        return 0;
      } else if (arg.startsWith("--")) {
        stderr.println("unknown option " + arg);
        stderr.println(USAGE);
        return 2;
      } else {
        files.add(Path.of(arg));
      }
    }
    if (signal == null || files.isEmpty()) {
      stderr.println(signal == null ? "--signal is required" : "no FILE given");
      stderr.println(USAGE);
      return 2;
    }

    OtlpDecoder decoder = new OtlpDecoder();
    long[] counts = new long[OtlpTable.values().length];
    boolean failed = false;
    try (JsonGenerator json =
        new JsonFactory()
            .createGenerator(new BufferedOutputStream(stdout))
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      RowJsonWriter writer = new RowJsonWriter(json);
      for (Path file : files) {
        TableRows rows;
        try {
          rows = decoder.decode(signal, Files.readAllBytes(file));
        } catch (OtlpDecodeException e) {
          json.flush();
          stderr.println(
              file + ": cannot decode as OTLP " + signal.label() + ": " + e.getMessage());
          failed = true;
          continue;
        } catch (NoSuchFileException e) {
          json.flush();
          stderr.println(file + ": no such file");
          failed = true;
          continue;
        } catch (IOException e) {
          json.flush();
          stderr.println(file + ": cannot read: " + e.getMessage());
          failed = true;
          continue;
        }
        for (OtlpTable table : OtlpTable.values()) {
          List<Map<String, Object>> tableRows = rows.rows(table);
          counts[table.ordinal()] += tableRows.size();
          if (!summary) {
            for (Map<String, Object> row : tableRows) {
              writer.writeRow(table.tableName(), row);
            }
          }
        }
      }
      if (summary) {
        json.writeStartObject();
        for (OtlpTable table : OtlpTable.values()) {
          json.writeNumberField(table.tableName(), counts[table.ordinal()]);
        }
        json.writeEndObject();
        json.writeRaw('\n');
      }
    } catch (IOException e) {
      stderr.println("cannot write output: " + e.getMessage());
      return 1;
    }
    return failed ? 1 : 0;
  }
}
