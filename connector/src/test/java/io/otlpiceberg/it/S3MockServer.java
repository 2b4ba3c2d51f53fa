package io.otlpiceberg.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Adobe's S3Mock in a JVM of its own, on free loopback ports, with one bucket. */
final class S3MockServer implements AutoCloseable {
  private final ChildJvm jvm;
  private final String endpoint;

  private S3MockServer(ChildJvm jvm, String endpoint) {
    this.jvm = jvm;
    this.endpoint = endpoint;
  }

  static S3MockServer start(Path dir, String bucket) throws Exception {
    Files.createDirectories(dir.resolve("store"));
    int http = ItEnv.freePort();
    int https = ItEnv.freePort();
    // The exec jar is a Spring Boot fat jar: its launcher, not S3Mock's main class, goes first.
    ChildJvm jvm = ChildJvm.start("s3mock", ItEnv.classpath("s3mock"),
        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
        "org.springframework.boot.loader.launch.JarLauncher", List.of(),
        Map.of(
            "COM_ADOBE_TESTING_S3MOCK_STORE_INITIAL_BUCKETS", bucket,
            "COM_ADOBE_TESTING_S3MOCK_STORE_ROOT", dir.resolve("store").toString(),
            "COM_ADOBE_TESTING_S3MOCK_HTTP_PORT", String.valueOf(http),
            // Its HTTPS connector must not take the same port as HTTP.
            "SERVER_PORT", String.valueOf(https)),
        dir.resolve("s3mock.log"));
    String endpoint = "http://127.0.0.1:" + http;
    HttpClient client = HttpClient.newHttpClient();
    Poll.until("S3Mock at " + endpoint, Duration.ofSeconds(60), () -> {
      jvm.assertAlive();
      return client.send(HttpRequest.newBuilder(URI.create(endpoint + "/")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    }, body -> body.contains("<Name>" + bucket + "</Name>"));
    return new S3MockServer(jvm, endpoint);
  }

  String endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws InterruptedException {
    jvm.stop();
  }
}
