package io.otlpiceberg.bench.write;

import io.otlpiceberg.decode.Signal;
import io.otlpiceberg.tables.OtlpTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.iceberg.DataFile;

/**
 * Variants of the connector's write path filling their traces tables round by round, one data file
 * per round (as one per commit), the order of the variants rotating each round so none is always
 * first on a warm or cold machine.
 */
final class VariantRounds {
  final List<String> names;
  final Map<String, double[]> writeMs = new HashMap<>();
  final Map<String, Long> fileBytes = new HashMap<>();
  long rows;

  private VariantRounds(List<String> names) {
    this.names = names;
  }

  /**
   * @param eachInput sees each round's input once, before it is written
   */
  static VariantRounds write(
      Map<String, WritePaths> variants, int rounds, int requests, Consumer<WriteInput> eachInput) {
    VariantRounds result = new VariantRounds(new ArrayList<>(variants.keySet()));
    PassTimer timer = new PassTimer();
    result.names.forEach(n -> result.writeMs.put(n, new double[rounds]));
    for (int round = 0; round < rounds; round++) {
      WriteInput input =
          new WriteInput(Signal.TRACES, round * requests, requests, WritePaths.STOCK);
      result.rows += input.rows;
      eachInput.accept(input);
      for (int k = 0; k < result.names.size(); k++) {
        String name = result.names.get((round + k) % result.names.size());
        WritePaths paths = variants.get(name);
        List<DataFile> files = timer.time(() -> paths.ours(input));
        result.writeMs.get(name)[round] = timer.cpuNanos / 1e6;
        result.fileBytes.merge(
            name, files.stream().mapToLong(DataFile::fileSizeInBytes).sum(), Long::sum);
        paths.commit(files, WritePaths.OURS, OtlpTable.TRACES);
      }
    }
    return result;
  }

  /** {@code --name value} pairs. */
  static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    return options;
  }
}
