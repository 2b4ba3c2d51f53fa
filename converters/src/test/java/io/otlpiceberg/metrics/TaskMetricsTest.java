package io.otlpiceberg.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.otlpiceberg.decode.OtlpDecodeException;
import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.tables.OtlpTable;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The task's MBean as a JMX client sees it. */
class TaskMetricsTest {
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  @Test
  void countsAreReadOverJmxUnderConnectsNamingAndGoneOnceClosed() throws Exception {
    TaskMetrics metrics = TaskMetrics.register("otlp-iceberg", "3");
    ObjectName name =
        new ObjectName("io.otlpiceberg:type=sink-task-metrics,connector=otlp-iceberg,task=3");
    try {
      metrics.decoded(Signal.TRACES, 1_000);
      metrics.decoded(Signal.TRACES, 500);
      metrics.decodeFailed(OtlpDecodeException.Reason.JSON);
      metrics.written(OtlpTable.METRICS_SUM, 40);
      metrics.committed(OtlpTable.METRICS_SUM, 25, 1_700_000_000_000L);
      metrics.committed(OtlpTable.METRICS_SUM, 15, 1_700_000_001_000L);
      metrics.commitEventPublished();
      metrics.commitEventPublished();
      metrics.commitEventFailed();

      assertThat(server.getAttribute(name, "records-decoded-total-traces")).isEqualTo(2L);
      assertThat(server.getAttribute(name, "records-decoded-total-logs")).isEqualTo(0L);
      assertThat(server.getAttribute(name, "bytes-decoded-total")).isEqualTo(1_500L);
      assertThat(server.getAttribute(name, "decode-errors-total-json")).isEqualTo(1L);
      assertThat(server.getAttribute(name, "decode-errors-total-unmapped-topic")).isEqualTo(0L);
      assertThat(server.getAttribute(name, "rows-written-total-metrics_sum")).isEqualTo(40L);
      assertThat(server.getAttribute(name, "rows-committed-total-metrics_sum")).isEqualTo(40L);
      assertThat(server.getAttribute(name, "last-commit-rows-metrics_sum")).isEqualTo(15L);
      assertThat(server.getAttribute(name, "last-commit-time-ms-metrics_sum"))
          .isEqualTo(1_700_000_001_000L);
      assertThat(server.getAttribute(name, "commit-events-published-total")).isEqualTo(2L);
      assertThat(server.getAttribute(name, "commit-events-failed-total")).isEqualTo(1L);
      assertThat(
              Arrays.stream(server.getMBeanInfo(name).getAttributes())
                  .map(MBeanAttributeInfo::getName))
          .hasSize(
              3
                  + 1
                  + OtlpDecodeException.Reason.values().length
                  + 5 * OtlpTable.values().length
                  + 2)
          .contains("decode-errors-total-frame", "last-commit-time-ms-traces");
    } finally {
      metrics.close();
    }
    assertThat(server.isRegistered(name)).isFalse();
  }

  @Test
  void aConnectorNameJmxCannotTakeAsItIsIsQuoted() throws Exception {
    TaskMetrics metrics = TaskMetrics.register("otlp,iceberg=prod", "0");
    try {
      assertThat(metrics.name().getKeyProperty("connector"))
          .isEqualTo(ObjectName.quote("otlp,iceberg=prod"));
      assertThat(server.isRegistered(metrics.name())).isTrue();
    } finally {
      metrics.close();
    }
  }
}
