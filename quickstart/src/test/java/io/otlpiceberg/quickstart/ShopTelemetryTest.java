package io.otlpiceberg.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.otlpiceberg.decode.OtlpDecoder;
import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.rows.TableRows;
import io.otlpiceberg.tables.OtlpTable;
import io.otlpiceberg.telemetry.ShopTelemetry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generated telemetry: valid requests that fill all seven tables, and tell a story. */
class ShopTelemetryTest {
  private static final long NOW = 1_760_000_000_000_000_000L;

  private final List<ShopTelemetry.Batch> batches = generate(7L, 10);

  private static List<ShopTelemetry.Batch> generate(long seed, int n) {
    ShopTelemetry generator = new ShopTelemetry(seed, 4, NOW - 60_000_000_000L);
    List<ShopTelemetry.Batch> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(generator.next(NOW + i * 1_000_000_000L));
    }
    return list;
  }

  private List<Span> spans() {
    List<Span> spans = new ArrayList<>();
    for (var b : batches) {
      for (ResourceSpans rs : b.traces().getResourceSpansList()) {
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          spans.addAll(ss.getSpansList());
        }
      }
    }
    return spans;
  }

  @Test
  void everyRequestDecodesAndAllSevenTablesGetRows() throws Exception {
    OtlpDecoder decoder = new OtlpDecoder();
    Map<OtlpTable, Integer> rows = new HashMap<>();
    for (var b : batches) {
      for (var entry :
          Map.of(
                  Signal.TRACES,
                  b.traces().toByteArray(),
                  Signal.LOGS,
                  b.logs().toByteArray(),
                  Signal.METRICS,
                  b.metrics().toByteArray())
              .entrySet()) {
        TableRows decoded = decoder.decode(entry.getKey(), entry.getValue());
        assertThat(decoded.count()).as(entry.getKey() + " rows").isPositive();
        for (OtlpTable table : OtlpTable.values()) {
          rows.merge(table, decoded.rows(table).size(), Integer::sum);
        }
      }
    }
    for (OtlpTable table : OtlpTable.values()) {
      assertThat(rows.get(table)).as(table.tableName()).isPositive();
    }
  }

  @Test
  void everyServiceReportsAllFiveMetricKinds() {
    for (ResourceMetrics rm : batches.get(0).metrics().getResourceMetricsList()) {
      Set<Metric.DataCase> kinds = new HashSet<>();
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        for (Metric m : sm.getMetricsList()) {
          kinds.add(m.getDataCase());
        }
      }
      assertThat(kinds)
          .as(rm.getResource().toString())
          .containsExactlyInAnyOrder(
              Metric.DataCase.GAUGE,
              Metric.DataCase.SUM,
              Metric.DataCase.HISTOGRAM,
              Metric.DataCase.EXPONENTIAL_HISTOGRAM,
              Metric.DataCase.SUMMARY);
    }
    assertThat(batches.get(0).metrics().getResourceMetricsCount())
        .isEqualTo(ShopTelemetry.SERVICES.size());
  }

  @Test
  void spansFormTracesAcrossServicesWithParentsInTheSameTrace() {
    Map<ByteString, Span> byId = new HashMap<>();
    for (Span span : spans()) {
      assertThat(byId.put(span.getSpanId(), span)).as("span ids are unique").isNull();
    }
    int children = 0;
    for (Span span : byId.values()) {
      if (!span.getParentSpanId().isEmpty()) {
        Span parent = byId.get(span.getParentSpanId());
        assertThat(parent).as("parent of " + span.getName()).isNotNull();
        assertThat(parent.getTraceId()).isEqualTo(span.getTraceId());
        assertThat(span.getStartTimeUnixNano())
            .isGreaterThanOrEqualTo(parent.getStartTimeUnixNano());
        children++;
      }
      assertThat(span.getTraceId().size()).isEqualTo(16);
      assertThat(span.getEndTimeUnixNano()).isGreaterThan(span.getStartTimeUnixNano());
    }
    assertThat(children).isGreaterThan(byId.size() / 2);
    Set<String> services = new HashSet<>();
    for (var b : batches) {
      for (ResourceSpans rs : b.traces().getResourceSpansList()) {
        services.add(rs.getResource().getAttributes(0).getValue().getStringValue());
      }
    }
    assertThat(services).containsExactlyInAnyOrderElementsOf(ShopTelemetry.SERVICES);
  }

  @Test
  void someSpansFailWithAnExceptionEventAndOthersHaveEvents() {
    List<Span> errors =
        spans().stream()
            .filter(s -> s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR)
            .toList();
    assertThat(errors).isNotEmpty();
    assertThat(errors)
        .anySatisfy(
            s ->
                assertThat(s.getEventsList())
                    .anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception")));
    assertThat(
            spans().stream()
                .filter(s -> s.getStatus().getCode() != Status.StatusCode.STATUS_CODE_ERROR))
        .isNotEmpty();
    assertThat(spans())
        .anySatisfy(
            s ->
                assertThat(s.getEventsList())
                    .anySatisfy(e -> assertThat(e.getName()).isNotEqualTo("exception")));
  }

  @Test
  void everyLogBelongsToASpanOfItsOwnService() {
    Map<ByteString, String> spanService = new HashMap<>();
    Map<ByteString, ByteString> spanTrace = new HashMap<>();
    for (var b : batches) {
      for (ResourceSpans rs : b.traces().getResourceSpansList()) {
        String service = rs.getResource().getAttributes(0).getValue().getStringValue();
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          for (Span s : ss.getSpansList()) {
            spanService.put(s.getSpanId(), service);
            spanTrace.put(s.getSpanId(), s.getTraceId());
          }
        }
      }
    }
    int logs = 0;
    boolean error = false;
    for (var b : batches) {
      for (ResourceLogs rl : b.logs().getResourceLogsList()) {
        String service = rl.getResource().getAttributes(0).getValue().getStringValue();
        for (ScopeLogs sl : rl.getScopeLogsList()) {
          for (LogRecord log : sl.getLogRecordsList()) {
            assertThat(spanService.get(log.getSpanId()))
                .as(log.getBody().getStringValue())
                .isEqualTo(service);
            assertThat(spanTrace.get(log.getSpanId())).isEqualTo(log.getTraceId());
            error |= log.getSeverityText().equals("ERROR");
            logs++;
          }
        }
      }
    }
    assertThat(logs).isGreaterThan(batches.size() * 4);
    assertThat(error).as("some logs are errors").isTrue();
  }

  @Test
  void sameSeedSameTelemetry() {
    assertThat(generate(3L, 2)).isEqualTo(generate(3L, 2));
    assertThat(generate(3L, 1)).isNotEqualTo(generate(4L, 1));
  }
}
