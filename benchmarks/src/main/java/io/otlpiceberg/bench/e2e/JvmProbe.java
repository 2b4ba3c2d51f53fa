package io.otlpiceberg.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time and heap of a child JVM, from outside: user+system time from {@code /proc/PID/stat}
 * (clock ticks of 1/100 s, {@code getconf CLK_TCK}); the heap from a GC log switched on in the
 * running JVM with {@code jcmd PID VM.log} (unified logging, {@code gc} at info: one line per pause
 * with used-before -> used-after (committed)), so the worker's own JVM options stay as the local
 * stack sets them.
 */
final class JvmProbe {
  private static final double TICKS_PER_SECOND = 100.0;
  private static final Pattern PAUSE =
      Pattern.compile(
          "GC\\(\\d+\\) Pause .*? (\\d+)M->(\\d+)M\\((\\d+)M\\)(?: (\\d+(?:\\.\\d+)?)ms)?");

  final long pid;
  private Path gcLog;

  JvmProbe(long pid) {
    this.pid = pid;
  }

  /** User + system CPU seconds so far. */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // After "pid (comm) ": state is field 3, utime 14, stime 15.
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
  }

  /** Starts a GC log of the running JVM into {@code file}. */
  void startGcLog(Path file) throws IOException, InterruptedException {
    gcLog = file;
    Files.deleteIfExists(file);
    Path java = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p =
        new ProcessBuilder(
                java.toString(),
                String.valueOf(pid),
                "VM.log",
                "output=file=" + file,
                "what=gc=info",
                "decorators=uptimemillis")
            .redirectErrorStream(true)
            .start();
    String text = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("jcmd VM.log failed: " + text);
    }
  }

  /**
   * Heap over the GC log: pauses, max used before a pause, max used after, max committed, and the
   * longest pause (what the group's session timeout must outlast).
   */
  record Heap(
      int pauses, long maxBeforeMiB, long maxAfterMiB, long maxCommittedMiB, double maxPauseMs) {}

  Heap heap() throws IOException {
    if (gcLog == null || !Files.exists(gcLog)) {
      return new Heap(0, -1, -1, -1, -1);
    }
    int pauses = 0;
    long before = 0;
    long after = 0;
    long committed = 0;
    double longest = 0;
    List<String> lines = Files.readAllLines(gcLog);
    for (String line : lines) {
      Matcher m = PAUSE.matcher(line);
      if (m.find()) {
        pauses++;
        before = Math.max(before, Long.parseLong(m.group(1)));
        after = Math.max(after, Long.parseLong(m.group(2)));
        committed = Math.max(committed, Long.parseLong(m.group(3)));
        if (m.group(4) != null) {
          longest = Math.max(longest, Double.parseDouble(m.group(4)));
        }
      }
    }
    return new Heap(pauses, before, after, committed, longest);
  }

  /** Also the used heap right now (for the end of a window, where no pause may have come yet). */
  long usedNowMiB() {
    try {
      Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
      Process p =
          new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.heap_info")
              .redirectErrorStream(true)
              .start();
      String text = new String(p.getInputStream().readAllBytes());
      p.waitFor(30, TimeUnit.SECONDS);
      Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(text);
      return m.find() ? Long.parseLong(m.group(2)) / 1024 : -1;
    } catch (Exception e) {
      return -1;
    }
  }
}
