package io.otlpiceberg.bench.write;

import com.sun.management.OperatingSystemMXBean;
import io.otlpiceberg.decode.Signal;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import org.apache.iceberg.DataFile;

/**
 * One write path in a loop, for a profiler to watch (JMH forks hide the process):
 *
 * <pre>
 * java -XX:StartFlightRecording=filename=ours.jfr -cp benchmarks/target/benchmarks.jar \
 *     io.otlpiceberg.bench.write.WriteLoop traces ours 60
 * </pre>
 *
 * Arguments: signal, path ({@code ours}, {@code floor} or {@code stock}), seconds, and optionally
 * requests per pass (default 100). Prints the passes' mean wall time, and their mean CPU time: the
 * process's (GC and JIT included) and the loop thread's alone, which a busy machine moves less than
 * wall time.
 */
public final class WriteLoop {
  private WriteLoop() {}

  public static void main(String[] args) throws Exception {
    Signal signal = Signal.valueOf(args[0].toUpperCase(Locale.ROOT));
    String path = args[1];
    long seconds = Long.parseLong(args[2]);
    int requests = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    try (WritePaths paths = new WritePaths(TableProps.fromSystemProperty())) {
      WriteInput input = new WriteInput(signal, requests, WritePaths.STOCK);
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      int passes = 0;
      ThreadMXBean thread = ManagementFactory.getThreadMXBean();
      OperatingSystemMXBean os =
          (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long threadStart = thread.getCurrentThreadCpuTime();
      long processStart = os.getProcessCpuTime();
      long start = System.nanoTime();
      while (System.nanoTime() < end) {
        List<DataFile> files =
            switch (path) {
              case WritePaths.OURS -> paths.ours(input);
              case WritePaths.FLOOR -> paths.floor(input);
              case WritePaths.STOCK -> paths.stock(input);
              default ->
                  throw new IllegalArgumentException("path: ours, floor or stock, not " + path);
            };
        paths.delete(files);
        passes++;
      }
      double ms = (System.nanoTime() - start) / 1e6 / passes;
      double threadMs = (thread.getCurrentThreadCpuTime() - threadStart) / 1e6 / passes;
      double processMs = (os.getProcessCpuTime() - processStart) / 1e6 / passes;
      System.out.printf(
          Locale.ROOT,
          "%s %s: %d passes, %.1f ms per pass of %d rows (%.0f rows/s); CPU ms per pass:"
              + " process %.1f, loop thread %.1f%n",
          signal,
          path,
          passes,
          ms,
          input.rows,
          input.rows / ms * 1000,
          processMs,
          threadMs);
    }
  }
}
