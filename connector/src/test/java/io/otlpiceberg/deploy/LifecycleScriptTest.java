package io.otlpiceberg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * config-examples/msk-connect/otlp-iceberg-msk.sh cannot talk to AWS here; this checks its syntax,
 * its help, and that each command stops with a clear message when a prerequisite is missing (no AWS
 * CLI, no credentials, no required setting), using a stand-in `aws` where one is needed.
 */
class LifecycleScriptTest {
  private static final Path SCRIPT =
      CloudFormationTemplateTest.MSK_DIR.resolve("otlp-iceberg-msk.sh").toAbsolutePath();
  private static final List<String> COMMANDS =
      List.of("deploy", "test", "logs", "status", "delete");

  /** Stands in for the AWS CLI: answers the identity check, knows no stack. */
  private static final String FAKE_AWS =
      """
      #!/bin/sh
      case "$1 $2" in
        "sts get-caller-identity")
          if [ -n "$FAKE_AWS_NO_CREDENTIALS" ]; then echo "Unable to locate credentials" >&2; exit 253; fi
          echo 111122223333 ;;
        "configure get") exit 1 ;;
        "cloudformation describe-stacks") echo "Stack with id x does not exist" >&2; exit 254 ;;
        *) echo "fake aws: unexpected call: $*" >&2; exit 99 ;;
      esac
      """;

  private static String bash;

  /** The test's PATH without any directory that has an `aws` in it. */
  private static String pathWithoutAws;

  @TempDir Path home;

  @BeforeAll
  static void findTools() {
    List<String> dirs =
        Arrays.stream(
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
            .filter(d -> !d.isEmpty() && !Files.isExecutable(Path.of(d, "aws")))
            .toList();
    pathWithoutAws = String.join(File.pathSeparator, dirs);
    bash =
        dirs.stream()
            .map(d -> Path.of(d, "bash"))
            .filter(Files::isExecutable)
            .findFirst()
            .map(Path::toString)
            .orElseThrow(() -> new IllegalStateException("no bash"));
  }

  @Test
  void parses() throws Exception {
    ScriptRun run = run(Map.of(), List.of("-n", SCRIPT.toString()));
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(Files.readString(SCRIPT)).contains("set -euo pipefail");
  }

  /** Runs only where shellcheck is installed; CI does not need it. */
  @Test
  void passesShellcheckWhereInstalled() throws Exception {
    Optional<Path> shellcheck =
        Arrays.stream(pathWithoutAws.split(File.pathSeparator))
            .map(d -> Path.of(d, "shellcheck"))
            .filter(Files::isExecutable)
            .findFirst();
    assumeTrue(shellcheck.isPresent(), "shellcheck not installed");
    ScriptRun run =
        ScriptRun.run(
            environment(Map.of()), home, List.of(shellcheck.get().toString(), SCRIPT.toString()));
    assertThat(run.exitCode()).as(run.stdout()).isZero();
  }

  @Test
  void helpListsEveryCommand() throws Exception {
    for (String help : List.of("--help", "-h", "help")) {
      ScriptRun run = script(Map.of(), help);
      assertThat(run.exitCode()).as(help).isZero();
      List<String> listed =
          run.stdout()
              .lines()
              .filter(l -> l.matches("  [a-z]+ +\\S.*"))
              .map(l -> l.trim().split(" ")[0])
              .toList();
      assertThat(listed).as(help).containsAll(COMMANDS);
    }
  }

  @Test
  void noOrUnknownCommandIsAUsageError() throws Exception {
    ScriptRun none = script(Map.of());
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.stderr()).contains("Usage:");
    ScriptRun unknown = script(Map.of(), "launch");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.stderr()).contains("unknown command 'launch'", "--help");
    ScriptRun badOption = script(Map.of(), "deploy", "--colour", "red");
    assertThat(badOption.exitCode()).isEqualTo(2);
    assertThat(badOption.stderr()).contains("unknown option --colour");
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy", "test", "logs", "status", "delete"})
  void everyCommandNeedsTheAwsCli(String command) throws Exception {
    ScriptRun run = script(Map.of(), command);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).contains("'aws' not found on PATH", "Install the AWS CLI");
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy", "test", "logs", "status", "delete"})
  void everyCommandNeedsCredentials(String command) throws Exception {
    ScriptRun run = script(withFakeAws(Map.of("FAKE_AWS_NO_CREDENTIALS", "1")), command);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).contains("no valid credentials", "aws configure");
  }

  @Test
  void aRegionIsNeeded() throws Exception {
    Map<String, String> env = withFakeAws(Map.of());
    env.remove("AWS_REGION");
    ScriptRun run = script(env, "status");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).contains("no AWS region", "--region");
  }

  @Test
  void deployNamesEachMissingSetting() throws Exception {
    Map<String, String> env = withFakeAws(Map.of());
    assertThat(script(env, "deploy").stderr())
        .contains("--cluster-arn is required (or set MSK_CLUSTER_ARN)");
    env.put("MSK_CLUSTER_ARN", "arn:aws:kafka:eu-west-1:111122223333:cluster/c/u");
    assertThat(script(env, "deploy").stderr())
        .contains("--plugin-bucket is required (or set PLUGIN_BUCKET)");
    ScriptRun run = script(env, "deploy", "--plugin-bucket", "plugins");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).contains("--table-bucket is required (or set TABLE_BUCKET)");
  }

  @Test
  void testNeedsAKafkaProducerAndStatusNeedsTheStack() throws Exception {
    Map<String, String> env = withFakeAws(Map.of());
    ScriptRun test = script(env, "test");
    assertThat(test.exitCode()).isEqualTo(1);
    assertThat(test.stderr()).containsAnyOf("no Kafka console producer", "'java' not found");

    ScriptRun status = script(env, "status", "--stack-name", "nothing-here");
    assertThat(status.exitCode()).isEqualTo(1);
    assertThat(status.stderr()).contains("stack 'nothing-here' not found", "deploy");
  }

  private Map<String, String> withFakeAws(Map<String, String> extra) throws IOException {
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path aws = bin.resolve("aws");
    Files.writeString(aws, FAKE_AWS);
    Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = new HashMap<>(extra);
    env.put("PATH", bin + File.pathSeparator + pathWithoutAws);
    env.put("AWS_REGION", "eu-west-1");
    return env;
  }

  private ScriptRun script(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(SCRIPT.toString());
    command.addAll(List.of(args));
    return run(env, command);
  }

  private ScriptRun run(Map<String, String> env, List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(bash);
    command.addAll(args);
    return ScriptRun.run(environment(env), home, command);
  }

  /** Only what the script needs; HOME is empty so no real AWS configuration is read. */
  private Map<String, String> environment(Map<String, String> env) {
    Map<String, String> all = new HashMap<>();
    all.put("PATH", pathWithoutAws);
    all.put("HOME", home.toString());
    all.put("LANG", "C.UTF-8");
    all.putAll(env);
    return all.entrySet().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
