package io.otlpiceberg.events;

import com.fasterxml.jackson.core.JsonGenerator;
import io.otlpiceberg.catalog.TableCommit;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.apache.iceberg.util.JsonUtil;

/**
 * A table commit as one small JSON object, the value of a commit event (README, "Commit events").
 * Times are ISO-8601 in UTC, so a Lambda or a shell script reads them without knowing Iceberg's
 * units.
 */
public final class CommitEventJson {
  private CommitEventJson() {}

  public static String of(TableCommit commit, String connector) {
    return JsonUtil.generate(
        gen -> {
          gen.writeStartObject();
          gen.writeStringField("table", commit.table().toString());
          gen.writeStringField("connector", connector);
          number(gen, "snapshot_id", commit.snapshotId());
          number(gen, "sequence_number", commit.sequenceNumber());
          time(
              gen,
              "commit_time",
              commit.commitTimeMillis() == null
                  ? null
                  : Instant.ofEpochMilli(commit.commitTimeMillis()));
          gen.writeNumberField("added_rows", commit.addedRows());
          gen.writeNumberField("added_files", commit.addedFiles());
          gen.writeArrayFieldStart("days");
          for (LocalDate day : commit.days()) {
            gen.writeString(day.toString());
          }
          gen.writeEndArray();
          time(gen, "min_timestamp", micros(commit.minTimestampMicros()));
          time(gen, "max_timestamp", micros(commit.maxTimestampMicros()));
          gen.writeEndObject();
        },
        false);
  }

  private static Instant micros(Long micros) {
    return micros == null ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  private static void number(JsonGenerator gen, String name, Long value) throws IOException {
    if (value == null) {
      gen.writeNullField(name);
    } else {
      gen.writeNumberField(name, value);
    }
  }

  private static void time(JsonGenerator gen, String name, Instant value) throws IOException {
    if (value == null) {
      gen.writeNullField(name);
    } else {
      gen.writeStringField(name, value.toString());
    }
  }
}
