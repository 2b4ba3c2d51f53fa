package io.otlpiceberg.bench.write;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * Times one pass of a path: the process's CPU time (this thread's work plus the garbage collection
 * and compilation it causes), wall time, and the bytes this thread allocated. Ratios are taken on
 * CPU time: on a shared machine, another process's load stretches wall time but barely CPU time,
 * and CPU per row is what sizing a Connect worker needs.
 */
final class PassTimer {
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final ThreadMXBean THREAD = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  long cpuNanos;
  long wallNanos;
  long allocatedBytes;

  <T> T time(Supplier<T> pass) {
    System.gc();
    long alloc = THREAD.getCurrentThreadAllocatedBytes();
    long cpu = OS.getProcessCpuTime();
    long wall = System.nanoTime();
    T result = pass.get();
    wallNanos = System.nanoTime() - wall;
    cpuNanos = OS.getProcessCpuTime() - cpu;
    allocatedBytes = THREAD.getCurrentThreadAllocatedBytes() - alloc;
    return result;
  }
}
