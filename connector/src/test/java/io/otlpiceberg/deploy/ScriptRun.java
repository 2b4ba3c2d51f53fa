package io.otlpiceberg.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command with a given environment (and nothing else of this process's) and collects its
 * exit code, stdout and stderr.
 */
public record ScriptRun(int exitCode, String stdout, String stderr) {

  public static ScriptRun run(Map<String, String> environment, Path directory, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    // Outputs are small (usage text, one error line): reading them one after the other is safe.
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("timed out: " + command);
    }
    return new ScriptRun(process.exitValue(), out, err);
  }
}
