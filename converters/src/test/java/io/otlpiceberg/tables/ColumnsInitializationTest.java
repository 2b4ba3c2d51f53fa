package io.otlpiceberg.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * A nested struct's columns can be the first thing a program touches. Each check loads the column
 * classes afresh, so the order of class initialisation is the one named, not whatever an earlier
 * test left behind.
 */
class ColumnsInitializationTest {

  @Test
  void spanEventColumnsTouchedFirst() throws Exception {
    assertThat(positionInFreshLoader("TracesColumns$Event", "NAME"))
        .isEqualTo(TracesColumns.Event.NAME);
  }

  @Test
  void spanLinkColumnsTouchedFirst() throws Exception {
    assertThat(positionInFreshLoader("TracesColumns$Link", "SPAN_ID"))
        .isEqualTo(TracesColumns.Link.SPAN_ID);
  }

  @Test
  void tableTouchedFirstHoldsItsNestedStructs() throws Exception {
    assertThat(positionInFreshLoader("TracesColumns", "EVENTS")).isEqualTo(TracesColumns.EVENTS);
    assertThat(TracesColumns.SCHEMA.findField("events.element.name")).isNotNull();
    assertThat(TracesColumns.SCHEMA.findField("links.element.span_id")).isNotNull();
  }

  private static int positionInFreshLoader(String simpleName, String field) throws Exception {
    URL classes = TracesColumns.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader fresh = new ChildFirst(classes)) {
      Class<?> columns = Class.forName("io.otlpiceberg.tables." + simpleName, true, fresh);
      return columns.getField(field).getInt(null);
    }
  }

  /** Loads this package's classes itself, everything else from the test's class loader. */
  private static final class ChildFirst extends URLClassLoader {
    ChildFirst(URL classes) {
      super(new URL[] {classes}, ColumnsInitializationTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        if (!name.startsWith("io.otlpiceberg.tables.")) {
          return super.loadClass(name, resolve);
        }
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : findClass(name);
      }
    }
  }
}
