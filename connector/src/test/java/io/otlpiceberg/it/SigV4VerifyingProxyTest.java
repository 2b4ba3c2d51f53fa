package io.otlpiceberg.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The verifier refuses what AWS refuses. Requests are signed here with the SDK's newer signer; the
 * proxy checks with the older one (which Iceberg's client also uses), so acceptance is two
 * implementations agreeing, not one agreeing with itself. A backend that echoes the path stands in
 * for the catalog.
 */
class SigV4VerifyingProxyTest {
  private static final String WAREHOUSE =
      "arn:aws:s3tables:eu-west-1:111122223333:bucket/telemetry";
  private static final String PREFIX =
      "arn%3Aaws%3As3tables%3Aeu-west-1%3A111122223333%3Abucket" + "%2Ftelemetry";
  private static HttpServer backend;
  private static SigV4VerifyingProxy proxy;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    backend.createContext(
        "/",
        exchange -> {
          byte[] body =
              ("{\"defaults\":{},\"overrides\":{},\"path\":\""
                      + exchange.getRequestURI().getRawPath()
                      + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    backend.start();
    proxy =
        SigV4VerifyingProxy.start(
            SigV4VerifyingProxy.Service.S3TABLES,
            "eu-west-1",
            "http://127.0.0.1:" + backend.getAddress().getPort());
  }

  @AfterAll
  static void stop() {
    proxy.close();
    backend.stop(0);
  }

  @Test
  void configHandsOutTheEncodedArnAsPrefixAndSignedPathsAreForwardedWithoutIt() throws Exception {
    HttpResponse<String> config =
        send(
            "GET",
            "/v1/config?warehouse=" + java.net.URLEncoder.encode(WAREHOUSE, StandardCharsets.UTF_8),
            null,
            "s3tables",
            "eu-west-1",
            SigV4VerifyingProxy.SECRET_KEY,
            null);
    assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
    assertThat(config.body()).contains("\"prefix\":\"" + PREFIX + "\"");

    HttpResponse<String> namespaces =
        send(
            "POST",
            "/v1/" + PREFIX + "/namespaces",
            "{\"namespace\":[\"otel\"]}",
            "s3tables",
            "eu-west-1",
            SigV4VerifyingProxy.SECRET_KEY,
            null);
    assertThat(namespaces.statusCode()).as(namespaces.body()).isEqualTo(200);
    assertThat(namespaces.body()).contains("\"path\":\"/v1/namespaces\"");
  }

  @Test
  void refusesWhatAwsRefuses() throws Exception {
    String path = "/v1/config?warehouse=x";
    assertRefused(
        send("GET", path, null, "glue", "eu-west-1", SigV4VerifyingProxy.SECRET_KEY, null),
        "Credential should be scoped to correct service: 's3tables'.");
    assertRefused(
        send("GET", path, null, "s3tables", "us-east-1", SigV4VerifyingProxy.SECRET_KEY, null),
        "Credential should be scoped to a valid region");
    assertRefused(
        send("GET", path, null, "s3tables", "eu-west-1", "another-secret", null),
        "The request signature we calculated does not match");
    assertRefused(
        send(
            "POST",
            "/v1/" + PREFIX + "/namespaces",
            "{\"namespace\":[\"otel\"]}",
            "s3tables",
            "eu-west-1",
            SigV4VerifyingProxy.SECRET_KEY,
            "{\"namespace\":[\"evil\"]}"),
        "The request signature we calculated does not match");
    HttpResponse<String> unsigned =
        http.send(
            HttpRequest.newBuilder(URI.create(proxy.uri() + "/v1/config")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertRefused(unsigned, "Missing Authentication Token");
  }

  @Test
  void refusesAWarehouseOfTheWrongForm() throws Exception {
    HttpResponse<String> config =
        send(
            "GET",
            "/v1/config?warehouse=111122223333%3As3tablescatalog" + "%2Ftelemetry",
            null,
            "s3tables",
            "eu-west-1",
            SigV4VerifyingProxy.SECRET_KEY,
            null);
    assertThat(config.statusCode()).as(config.body()).isEqualTo(400);
    assertThat(config.body()).contains("expected the table bucket ARN");
  }

  private static void assertRefused(HttpResponse<String> response, String reason) {
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("\"type\":\"ForbiddenException\"").contains(reason);
  }

  /** Signs with the SDK's newer signer, then sends {@code sentBody} (to tamper, if it differs). */
  private HttpResponse<String> send(
      String method,
      String pathAndQuery,
      String body,
      String signingName,
      String region,
      String secret,
      String sentBody)
      throws Exception {
    URI uri = URI.create(proxy.uri() + pathAndQuery);
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.fromValue(method))
            .uri(uri)
            .putHeader("Content-Type", "application/json")
            .build();
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(
                            AwsCredentialsIdentity.create(SigV4VerifyingProxy.ACCESS_KEY, secret))
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(bytes))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region))
            .request();
    String sent = sentBody != null ? sentBody : body;
    HttpRequest.Builder out =
        HttpRequest.newBuilder(uri)
            .method(
                method,
                sent == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(sent));
    for (Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
      if (!header.getKey().equalsIgnoreCase("host")) {
        header.getValue().forEach(v -> out.header(header.getKey(), v));
      }
    }
    return http.send(out.build(), HttpResponse.BodyHandlers.ofString());
  }
}
