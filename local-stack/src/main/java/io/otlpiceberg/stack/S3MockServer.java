package io.otlpiceberg.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Adobe's S3Mock, an S3-compatible store, in a JVM of its own on loopback, with one bucket. */
public final class S3MockServer implements AutoCloseable {
  private final ChildProcess jvm;
  private final String endpoint;

  private S3MockServer(ChildProcess jvm, String endpoint) {
    this.jvm = jvm;
    this.endpoint = endpoint;
  }

  public static S3MockServer start(StackRuntime runtime, Path dir, String bucket) throws Exception {
    Files.createDirectories(dir.resolve("store"));
    int http = Ports.free();
    int https = Ports.free();
    // The exec jar is a Spring Boot fat jar: its launcher, not S3Mock's main class, goes first.
    ChildProcess jvm =
        ChildProcess.start(
            "s3mock",
            runtime.classpath(StackRuntime.S3MOCK),
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
            "org.springframework.boot.loader.launch.JarLauncher",
            List.of(),
            Map.of(
                "COM_ADOBE_TESTING_S3MOCK_STORE_INITIAL_BUCKETS", bucket,
                "COM_ADOBE_TESTING_S3MOCK_STORE_ROOT", dir.resolve("store").toString(),
                "COM_ADOBE_TESTING_S3MOCK_HTTP_PORT", String.valueOf(http),
                // Its HTTPS connector must not take the same port as HTTP.
                "SERVER_PORT", String.valueOf(https)),
            dir.resolve("s3mock.log"));
    String endpoint = "http://127.0.0.1:" + http;
    S3MockServer server = new S3MockServer(jvm, endpoint);
    try {
      HttpClient client = HttpClient.newHttpClient();
      Poll.until(
          "S3Mock at " + endpoint,
          Duration.ofSeconds(60),
          () -> {
            jvm.assertAlive();
            return client
                .send(
                    HttpRequest.newBuilder(URI.create(endpoint + "/")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
          },
          body -> body.contains("<Name>" + bucket + "</Name>"));
    } catch (Exception | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  public String endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    jvm.stop();
  }
}
