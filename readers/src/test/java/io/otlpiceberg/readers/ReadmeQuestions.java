package io.otlpiceberg.readers;

import static org.assertj.core.api.Assertions.assertThat;

import io.otlpiceberg.readers.QueriedTelemetry.LogFact;
import io.otlpiceberg.readers.QueriedTelemetry.PointFact;
import io.otlpiceberg.readers.QueriedTelemetry.SpanFact;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The questions README answers in SQL, in README's order, each with its expected answer computed
 * here from the telemetry that was written (not from any engine). Every engine's section asks them
 * in the same order; a section with a query more or less than this list fails the test, so a query
 * added to README gets its check here.
 */
final class ReadmeQuestions {
  private final QueriedTelemetry telemetry;
  private final long tracesRows;

  ReadmeQuestions(QueriedTelemetry telemetry, long tracesRows) {
    this.telemetry = telemetry;
    this.tracesRows = tracesRows;
  }

  /**
   * The checks of README's DuckDB section, which asks the first questions but the route one (its
   * map lookup is shown inline) and none of Athena's.
   */
  List<BiConsumer<String, Answer>> duckDbInOrder() {
    return List.of(
        this::errorRateYesterday,
        this::latencyBySpanName,
        this::histogramP99Yesterday,
        this::spansOfOneTrace,
        this::logsOfOneTrace);
  }

  /** The checks, in README's order; each takes the SQL (for messages) and the engine's answer. */
  List<BiConsumer<String, Answer>> inOrder() {
    return List.of(
        this::errorRateYesterday,
        this::latencyBySpanName,
        this::latencyByRoute,
        this::histogramP99Yesterday,
        this::spansOfOneTrace,
        this::logsOfOneTrace,
        this::snapshots,
        this::logVolume,
        this::requestsPerMinute);
  }

  void errorRateYesterday(String sql, Answer answer) {
    Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
    Map<String, long[]> expected = new TreeMap<>();
    for (SpanFact s :
        spans(
            s ->
                s.kind().equals("SPAN_KIND_SERVER")
                    && !s.start().isBefore(today.minus(Duration.ofDays(1)))
                    && s.start().isBefore(today))) {
      long[] n = expected.computeIfAbsent(s.service(), k -> new long[2]);
      n[0]++;
      n[1] += s.error() ? 1 : 0;
    }
    assertThat(expected).as("yesterday's server spans exist").isNotEmpty();
    Set<List<Object>> rows = new HashSet<>();
    for (int r = 0; r < answer.rows().size(); r++) {
      rows.add(
          List.of(
              answer.getString(r, "service_name"),
              answer.getLong(r, "spans"),
              answer.getLong(r, "errors"),
              Math.round(answer.getDouble(r, "error_pct") * 100)));
    }
    Set<List<Object>> want =
        expected.entrySet().stream()
            .map(
                e ->
                    List.<Object>of(
                        e.getKey(),
                        e.getValue()[0],
                        e.getValue()[1],
                        Math.round(10000.0 * e.getValue()[1] / e.getValue()[0])))
            .collect(Collectors.toSet());
    assertThat(rows).as("%s%n%s", sql, answer).isEqualTo(want);
    descending(sql, answer, "error_pct");
  }

  void latencyBySpanName(String sql, Answer answer) {
    Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
    Map<List<Object>, List<Long>> groups =
        group(spans(s -> !s.start().isBefore(hourAgo)), s -> List.of(s.service(), s.name()));
    assertThat(answer.rows()).as("%s%n%s", sql, answer).hasSize(Math.min(20, groups.size()));
    for (int r = 0; r < answer.rows().size(); r++) {
      List<Long> durations =
          groups.get(List.of(answer.getString(r, "service_name"), answer.getString(r, "name")));
      assertThat(durations).as("group of row %d%n%s", r, answer).isNotNull();
      assertThat(answer.getLong(r, "spans")).isEqualTo(durations.size());
      percentileWithin(answer, r, "p50_ms", durations);
      percentileWithin(answer, r, "p99_ms", durations);
    }
    descending(sql, answer, "p99_ms");
  }

  void latencyByRoute(String sql, Answer answer) {
    Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
    Map<List<Object>, List<Long>> groups =
        group(
            spans(s -> !s.start().isBefore(hourAgo) && s.kind().equals("SPAN_KIND_SERVER")),
            s -> nullableList(s.route()));
    assertThat(groups.keySet()).as("routes, and spans without one").hasSizeGreaterThan(2);
    assertThat(answer.rows()).as("%s%n%s", sql, answer).hasSize(groups.size());
    for (int r = 0; r < answer.rows().size(); r++) {
      List<Long> durations = groups.get(nullableList(answer.getString(r, "route")));
      assertThat(durations).as("route of row %d%n%s", r, answer).isNotNull();
      percentileWithin(answer, r, "p99_ms", durations);
    }
    descending(sql, answer, "p99_ms");
  }

  void histogramP99Yesterday(String sql, Answer answer) {
    Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
    List<PointFact> window =
        telemetry.points.stream()
            .filter(p -> p.metric().equals("http.server.request.duration"))
            .filter(
                p ->
                    !p.time().isBefore(today.minus(Duration.ofDays(1))) && p.time().isBefore(today))
            .toList();
    // Delta points add up; of a cumulative series only its last point in the window counts.
    List<PointFact> counted =
        new ArrayList<>(window.stream().filter(p -> p.temporality() == 1).toList());
    window.stream()
        .filter(p -> p.temporality() == 2)
        .collect(
            Collectors.groupingBy(
                PointFact::series, Collectors.maxBy(Comparator.comparing(PointFact::time))))
        .values()
        .forEach(p -> counted.add(p.orElseThrow()));
    Map<String, List<Object>> expected = new TreeMap<>();
    counted.stream()
        .collect(Collectors.groupingBy(PointFact::service))
        .forEach(
            (service, ps) -> {
              long[] sums = new long[ps.get(0).bucketCounts().size()];
              ps.forEach(
                  p -> {
                    for (int i = 0; i < sums.length; i++) {
                      sums[i] += p.bucketCounts().get(i);
                    }
                  });
              long total = Arrays.stream(sums).sum();
              if (total == 0) {
                return;
              }
              long below = 0;
              for (int i = 0; i < sums.length; i++) {
                below += sums[i];
                if (below >= 0.99 * total) {
                  List<Double> bounds = ps.get(0).bounds();
                  expected.put(
                      service, Arrays.asList(i < bounds.size() ? bounds.get(i) : null, total));
                  return;
                }
              }
            });
    assertThat(expected)
        .as("billing's delta histogram")
        .containsEntry("billing", List.of(50.0, 100L));
    Map<String, List<Object>> actual = new TreeMap<>();
    for (int r = 0; r < answer.rows().size(); r++) {
      actual.put(
          answer.getString(r, "service_name"),
          Arrays.asList(answer.getDouble(r, "p99_at_most"), answer.getLong(r, "observations")));
    }
    assertThat(actual).as("%s%n%s", sql, answer).isEqualTo(expected);
  }

  /** "Show me trace X": the trace's spans in time order. */
  void spansOfOneTrace(String sql, Answer answer) {
    List<List<Object>> expected =
        telemetry.spans.stream()
            .filter(s -> QueriedTelemetry.README_TRACE_ID.equals(s.traceId()))
            .sorted(Comparator.comparing(SpanFact::start))
            .map(
                s ->
                    Arrays.<Object>asList(
                        s.start(), s.service(), s.name(), s.spanId(), s.durationNanos()))
            .toList();
    assertThat(expected).as("the trace's spans").hasSize(2);
    assertThat(answer.project("timestamp", "service_name", "name", "span_id", "duration_ns"))
        .as("%s%n%s", sql, answer)
        .isEqualTo(expected);
  }

  /**
   * The trace's logs in time order. Trino's and Spark's queries join each log to its span's name
   * ({@code span}); DuckDB's lists the {@code span_id}.
   */
  void logsOfOneTrace(String sql, Answer answer) {
    Map<String, String> spanNames =
        telemetry.spans.stream()
            .filter(s -> QueriedTelemetry.README_TRACE_ID.equals(s.traceId()))
            .collect(Collectors.toMap(SpanFact::spanId, SpanFact::name));
    List<LogFact> traceLogs =
        telemetry.logRecords.stream()
            .filter(l -> QueriedTelemetry.README_TRACE_ID.equals(l.traceId()))
            .sorted(Comparator.comparing(LogFact::time))
            .toList();
    assertThat(traceLogs)
        .as("the trace's logs, one outside its spans")
        .hasSize(3)
        .anyMatch(l -> !spanNames.containsKey(l.spanId()));
    boolean joined = answer.columns().contains("span");
    List<List<Object>> expected =
        traceLogs.stream()
            .map(
                l ->
                    Arrays.<Object>asList(
                        l.time(),
                        l.service(),
                        joined ? spanNames.get(l.spanId()) : l.spanId(),
                        l.severityText(),
                        l.body()))
            .toList();
    assertThat(
            answer.project(
                "timestamp", "service_name", joined ? "span" : "span_id", "severity_text", "body"))
        .as("%s%n%s", sql, answer)
        .isEqualTo(expected);
  }

  void snapshots(String sql, Answer answer) {
    assertThat(answer.rows()).as("%s%n%s", sql, answer).isNotEmpty().hasSizeLessThanOrEqualTo(10);
    long added = 0;
    for (int r = 0; r < answer.rows().size(); r++) {
      assertThat(answer.getString(r, "operation")).isEqualTo("append");
      assertThat(answer.getLong(r, "added_files")).isPositive();
      added += answer.getLong(r, "added_rows");
    }
    if (answer.rows().size() < 10) {
      assertThat(added).as("rows added by all snapshots%n%s", answer).isEqualTo(tracesRows);
    }
    descending(sql, answer, "committed_at");
  }

  void logVolume(String sql, Answer answer) {
    Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
    Map<List<Object>, Long> expected =
        telemetry.logRecords.stream()
            .filter(l -> !l.time().isBefore(hourAgo))
            .collect(
                Collectors.groupingBy(
                    l -> List.of(l.service(), l.severityText()), Collectors.counting()));
    Map<List<Object>, Long> actual = new LinkedHashMap<>();
    for (int r = 0; r < answer.rows().size(); r++) {
      actual.put(
          List.of(answer.getString(r, "service_name"), answer.getString(r, "severity_text")),
          answer.getLong(r, "records"));
    }
    assertThat(actual).as("%s%n%s", sql, answer).isEqualTo(expected);
    descending(sql, answer, "records");
  }

  void requestsPerMinute(String sql, Answer answer) {
    Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
    Map<List<Object>, Long> expected =
        new TreeMap<>(
            Comparator.comparing((List<Object> k) -> (Instant) k.get(0))
                .thenComparing(k -> (String) k.get(1)));
    telemetry.points.stream()
        .filter(
            p ->
                p.metric().equals("http.server.requests")
                    && p.temporality() == 1
                    && p.monotonic()
                    && !p.time().isBefore(hourAgo))
        .forEach(
            p ->
                expected.merge(
                    List.of(p.time().truncatedTo(ChronoUnit.MINUTES), p.service()),
                    p.valueInt(),
                    Long::sum));
    assertThat(expected).as("the billing counter's minutes").hasSize(3);
    List<List<Object>> want =
        expected.entrySet().stream()
            .map(e -> List.of(e.getKey().get(0), e.getKey().get(1), (Object) e.getValue()))
            .toList();
    assertThat(answer.project("minute", "service_name", "requests"))
        .as("%s%n%s", sql, answer)
        .isEqualTo(want);
  }

  private List<SpanFact> spans(Predicate<SpanFact> filter) {
    return telemetry.spans.stream().filter(filter).toList();
  }

  private static Map<List<Object>, List<Long>> group(
      List<SpanFact> spans, Function<SpanFact, List<Object>> key) {
    Map<List<Object>, List<Long>> groups = new LinkedHashMap<>();
    spans.forEach(
        s -> groups.computeIfAbsent(key.apply(s), k -> new ArrayList<>()).add(s.durationNanos()));
    return groups;
  }

  private static List<Object> nullableList(Object value) {
    return Collections.singletonList(value);
  }

  /** An approximate percentile must still lie between the group's least and greatest value. */
  private static void percentileWithin(
      Answer answer, int row, String column, List<Long> durationsNanos) {
    double min = durationsNanos.stream().mapToLong(Long::longValue).min().orElseThrow() / 1e6;
    double max = durationsNanos.stream().mapToLong(Long::longValue).max().orElseThrow() / 1e6;
    assertThat(answer.getDouble(row, column))
        .as("%s of row %d%n%s", column, row, answer)
        .isBetween(min - 1e-9, max + 1e-9);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void descending(String sql, Answer answer, String column) {
    List<Comparable> values = new ArrayList<>();
    for (int r = 0; r < answer.rows().size(); r++) {
      values.add((Comparable) answer.get(r, column));
    }
    assertThat(values)
        .as("%s ordered by %s descending%n%s", sql, column, answer)
        .noneMatch(Objects::isNull)
        .isSortedAccordingTo(Comparator.<Comparable>reverseOrder());
  }
}
