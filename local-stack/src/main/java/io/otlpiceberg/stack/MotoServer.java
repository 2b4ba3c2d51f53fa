package io.otlpiceberg.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * moto's server, which emulates AWS's APIs (Glue, S3, STS and more) on one loopback port, so the
 * Glue Data Catalog path runs against the AWS SDK's real requests. It keeps its state in memory: a
 * restart starts empty. It is a Python program, found on the {@code PATH} as {@code moto_server}
 * unless told otherwise (shared machines have moto 5.2.1 with its server extra; elsewhere {@code
 * pip install 'moto[server]'}).
 */
public final class MotoServer extends ChildPart {
  private final String executable;
  private final boolean authentication;
  private final int port;

  private MotoServer(String executable, Path logs, boolean authentication) throws Exception {
    super(authentication ? "moto-auth" : "moto", logs);
    this.executable = executable;
    this.authentication = authentication;
    this.port = Ports.free();
  }

  /**
   * A server that takes any credentials, as moto does by default.
   *
   * @param executable the {@code moto_server} program, a path or a name on the {@code PATH}
   */
  public static MotoServer lenient(String executable, Path logs) throws Exception {
    return ChildPart.started(new MotoServer(executable, logs, false));
  }

  /**
   * A server that checks credentials as AWS does and knows none (it was given no IAM users), so it
   * refuses every request: what a connector with wrong or revoked credentials meets.
   */
  public static MotoServer refusingAllCredentials(String executable, Path logs) throws Exception {
    return ChildPart.started(new MotoServer(executable, logs, true));
  }

  @Override
  protected ChildProcess launch(String name, Path log) throws Exception {
    // moto checks signatures and IAM policies only after this many requests; 0 = from the first.
    Map<String, String> env =
        authentication ? Map.of("INITIAL_NO_AUTH_ACTION_COUNT", "0") : Map.of();
    try {
      return ChildProcess.run(
          name, List.of(executable, "-H", "127.0.0.1", "-p", String.valueOf(port)), env, log);
    } catch (IOException e) {
      throw new IOException(
          "Cannot run moto's server as '"
              + executable
              + "' ("
              + e.getMessage()
              + "): install it with pip install 'moto[server]==5.2.1'",
          e);
    }
  }

  /** Until moto's own API (not an AWS one, so never refused) answers. */
  @Override
  protected void awaitReady(ChildProcess process) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Poll.until(
        "moto server at " + endpoint(),
        Duration.ofSeconds(60),
        () -> {
          process.assertAlive();
          return http.send(
                  HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/data.json"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
        },
        status -> status == 200);
  }

  /** The endpoint for every emulated service (glue.endpoint, s3.endpoint, ...). */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }
}
