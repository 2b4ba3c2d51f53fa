package io.otlpiceberg.metrics;

import io.otlpiceberg.decode.OtlpDecodeException;
import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.tables.OtlpTable;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.MDC;

/**
 * One sink task's metrics, as a JMX MBean named like Connect's own task metrics: {@code
 * io.otlpiceberg:type=sink-task-metrics,connector=<name>,task=<id>}. All attributes are longs, each
 * a plain counter or the last value seen (see README, "Metrics"):
 *
 * <ul>
 *   <li>{@code records-decoded-total-<signal>}, {@code bytes-decoded-total}: records the converter
 *       decoded, and their bytes;
 *   <li>{@code decode-errors-total-<reason>}: records it could not decode, by {@link
 *       OtlpDecodeException.Reason};
 *   <li>{@code rows-written-total-<table>}: rows in data files handed over for a commit;
 *   <li>{@code rows-committed-total-<table>}, {@code last-commit-rows-<table>}, {@code
 *       last-commit-time-ms-<table>}: table commits, on the task whose coordinator made them (one
 *       task of a connector commits for all);
 *   <li>{@code promoted-values-unconverted-total-<table>}: attribute values that did not convert to
 *       their promoted column's type ({@code otlp.promote.<table>});
 *   <li>{@code commit-events-published-total}, {@code commit-events-failed-total}: the events of
 *       those commits, where a commit events topic is set.
 * </ul>
 *
 * <p>Connect builds a converter per task but does not tell it which task; both run on the task's
 * thread, under Connect's logging context ({@code connector.context}, e.g. {@code
 * [otlp-iceberg|task-0] }), so the task registers its metrics under that context and the converter
 * finds them there ({@link #ofCurrentTask}).
 */
public final class TaskMetrics implements DynamicMBean {
  /** Connect's MDC key for the task a thread works for (KIP-449). */
  static final String CONNECT_CONTEXT = "connector.context";

  private static final ConcurrentMap<String, TaskMetrics> BY_CONTEXT = new ConcurrentHashMap<>();
  private static final Signal[] SIGNALS = Signal.values();
  private static final OtlpTable[] TABLES = OtlpTable.values();
  private static final OtlpDecodeException.Reason[] REASONS = OtlpDecodeException.Reason.values();

  private final ObjectName name;
  private final String context;
  private final Map<String, AtomicLong> values = new LinkedHashMap<>();
  private final Map<String, String> descriptions = new LinkedHashMap<>();
  private final AtomicLong[] decoded = new AtomicLong[SIGNALS.length];
  private final AtomicLong bytes;
  private final AtomicLong[] errors = new AtomicLong[REASONS.length];
  private final AtomicLong[] written = new AtomicLong[TABLES.length];
  private final AtomicLong[] committed = new AtomicLong[TABLES.length];
  private final AtomicLong[] lastCommitRows = new AtomicLong[TABLES.length];
  private final AtomicLong[] lastCommitTime = new AtomicLong[TABLES.length];
  private final AtomicLong[] unconverted = new AtomicLong[TABLES.length];
  private final AtomicLong eventsPublished;
  private final AtomicLong eventsFailed;

  private TaskMetrics(ObjectName name, String context) {
    this.name = name;
    this.context = context;
    for (Signal signal : SIGNALS) {
      decoded[signal.ordinal()] =
          value("records-decoded-total-" + signal.label(), "Kafka records the converter decoded");
    }
    bytes = value("bytes-decoded-total", "Bytes of the records the converter decoded");
    for (OtlpDecodeException.Reason reason : REASONS) {
      errors[reason.ordinal()] =
          value(
              "decode-errors-total-" + reason.label(),
              "Records the converter could not decode, for this reason");
    }
    for (OtlpTable table : TABLES) {
      int i = table.ordinal();
      String t = table.tableName();
      written[i] = value("rows-written-total-" + t, "Rows in data files handed over for a commit");
      committed[i] =
          value("rows-committed-total-" + t, "Rows in table commits this task's coordinator made");
      lastCommitRows[i] = value("last-commit-rows-" + t, "Rows in the last commit to this table");
      lastCommitTime[i] =
          value(
              "last-commit-time-ms-" + t,
              "When the last commit to this table was made, epoch milliseconds");
      unconverted[i] =
          value(
              "promoted-values-unconverted-total-" + t,
              "Attribute values a promoted column could not take (not of its type): left null");
    }
    eventsPublished =
        value(
            "commit-events-published-total",
            "Commit events the broker took (otlp.commit-events.topic)");
    eventsFailed =
        value(
            "commit-events-failed-total",
            "Commit events that could not be published; each is logged at ERROR with its JSON");
  }

  private AtomicLong value(String attribute, String description) {
    AtomicLong value = new AtomicLong();
    values.put(attribute, value);
    descriptions.put(attribute, description);
    return value;
  }

  /**
   * The metrics of the task the calling thread starts, registered with the platform MBean server;
   * {@link #close} unregisters them.
   */
  public static TaskMetrics register(String connector, String task) {
    try {
      ObjectName name =
          new ObjectName(
              "io.otlpiceberg",
              new java.util.Hashtable<>(
                  Map.of(
                      "type", "sink-task-metrics",
                      "connector", jmxValue(connector),
                      "task", jmxValue(String.valueOf(task)))));
      TaskMetrics metrics = new TaskMetrics(name, MDC.get(CONNECT_CONTEXT));
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      if (server.isRegistered(name)) {
        // A task restarted in place, before the old one's stop had unregistered it.
        server.unregisterMBean(name);
      }
      server.registerMBean(metrics, name);
      if (metrics.context != null) {
        BY_CONTEXT.put(metrics.context, metrics);
      }
      return metrics;
    } catch (JMException e) {
      throw new IllegalStateException("Cannot register the task's metrics", e);
    }
  }

  /** Metrics registered nowhere: for a writer or converter run outside Connect. */
  public static TaskMetrics detached() {
    try {
      return new TaskMetrics(
          new ObjectName("io.otlpiceberg:type=sink-task-metrics,detached=true"), null);
    } catch (JMException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Connector names are quoted only where JMX needs it, so most read as Connect's own. */
  private static String jmxValue(String value) {
    return value.matches("[A-Za-z0-9._-]+") ? value : ObjectName.quote(value);
  }

  /** The metrics of the task the calling thread works for, or null outside a registered task. */
  public static TaskMetrics ofCurrentTask() {
    String context = MDC.get(CONNECT_CONTEXT);
    return context == null ? null : BY_CONTEXT.get(context);
  }

  public void close() {
    if (context != null) {
      BY_CONTEXT.remove(context, this);
    }
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
    } catch (JMException e) {
      // Already gone: a newer instance of the task replaced it.
    }
  }

  public ObjectName name() {
    return name;
  }

  public void decoded(Signal signal, int recordBytes) {
    decoded[signal.ordinal()].incrementAndGet();
    bytes.addAndGet(recordBytes);
  }

  public void decodeFailed(OtlpDecodeException.Reason reason) {
    errors[reason.ordinal()].incrementAndGet();
  }

  public void written(OtlpTable table, long rows) {
    written[table.ordinal()].addAndGet(rows);
  }

  public void committed(OtlpTable table, long rows, long timeMillis) {
    committed[table.ordinal()].addAndGet(rows);
    lastCommitRows[table.ordinal()].set(rows);
    lastCommitTime[table.ordinal()].set(timeMillis);
  }

  public void promotedValueUnconverted(OtlpTable table) {
    unconverted[table.ordinal()].incrementAndGet();
  }

  public void commitEventPublished() {
    eventsPublished.incrementAndGet();
  }

  public void commitEventFailed() {
    eventsFailed.incrementAndGet();
  }

  @Override
  public Object getAttribute(String attribute) throws AttributeNotFoundException {
    AtomicLong value = values.get(attribute);
    if (value == null) {
      throw new AttributeNotFoundException(attribute + " is not an attribute of " + name);
    }
    return value.get();
  }

  @Override
  public AttributeList getAttributes(String[] attributes) {
    AttributeList list = new AttributeList();
    for (String attribute : attributes) {
      AtomicLong value = values.get(attribute);
      if (value != null) {
        list.add(new Attribute(attribute, value.get()));
      }
    }
    return list;
  }

  @Override
  public void setAttribute(Attribute attribute) {
    throw new UnsupportedOperationException("The task's metrics are read-only");
  }

  @Override
  public AttributeList setAttributes(AttributeList attributes) {
    return new AttributeList();
  }

  @Override
  public Object invoke(String actionName, Object[] params, String[] signature) {
    throw new UnsupportedOperationException("The task's metrics have no operations");
  }

  @Override
  public MBeanInfo getMBeanInfo() {
    List<MBeanAttributeInfo> attributes = new ArrayList<>();
    for (String attribute : values.keySet()) {
      attributes.add(
          new MBeanAttributeInfo(
              attribute, "long", descriptions.get(attribute), true, false, false));
    }
    return new MBeanInfo(
        TaskMetrics.class.getName(),
        "otlp-iceberg sink task metrics",
        attributes.toArray(MBeanAttributeInfo[]::new),
        null,
        null,
        null);
  }
}
