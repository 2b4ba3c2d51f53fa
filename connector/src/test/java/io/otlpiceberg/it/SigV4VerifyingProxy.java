package io.otlpiceberg.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * Stands in for AWS's Iceberg REST endpoints (S3 Tables' or Glue's) in front of a local REST
 * catalog. Every request must carry a SigV4 signature that this proxy recomputes with the AWS SDK's
 * own V4 signer from the one pair of test credentials it knows, for the one service name and region
 * it expects; anything else is refused with 403, as AWS refuses it. Like the real services, it
 * serves under {@code /iceberg}, answers {@code /v1/config} only for a warehouse of the service's
 * form, and hands the client a {@code prefix} that puts an encoded ARN or catalog id into every
 * path: that is where clients that sign the wrong bytes of a path break.
 */
final class SigV4VerifyingProxy implements AutoCloseable {
  static final String ACCESS_KEY = "AKIAOTLPICEBERGTEST1";
  static final String SECRET_KEY = "otlp-iceberg/test/secret/key/not/a/real/one/00";

  /** How the emulated service names its catalog and prefixes its paths. */
  enum Service {
    /** prefix = the URL-encoded table bucket ARN (S3 Tables' documented path shape). */
    S3TABLES(
        "s3tables",
        Pattern.compile("arn:aws:s3tables:[a-z0-9-]+:\\d{12}:bucket/[a-z0-9-]+"),
        "the table bucket ARN") {
      @Override
      String prefix(String warehouse) {
        return encode(warehouse);
      }
    },
    /**
     * prefix = catalogs/ + the URL-encoded catalog id. An assumption from Glue's documented {@code
     * /iceberg/v1/catalogs/{catalog}/namespaces} paths; not checked against Glue itself.
     */
    GLUE(
        "glue",
        Pattern.compile("\\d{12}(:s3tablescatalog/[a-z0-9-]+)?"),
        "<account id>:s3tablescatalog/<table bucket>") {
      @Override
      String prefix(String warehouse) {
        return "catalogs/" + encode(warehouse);
      }
    };

    final String signingName;
    final Pattern warehouse;
    final String warehouseForm;

    Service(String signingName, Pattern warehouse, String warehouseForm) {
      this.signingName = signingName;
      this.warehouse = warehouse;
      this.warehouseForm = warehouseForm;
    }

    abstract String prefix(String warehouse);

    private static String encode(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
  }

  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,"
              + " ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * Hop-by-hop and signature headers are not forwarded to the catalog, nor Accept-Encoding: the
   * proxy passes bodies through as they are and would otherwise hand back gzip unlabelled.
   */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "host",
          "authorization",
          "connection",
          "content-length",
          "expect",
          "upgrade",
          "transfer-encoding",
          "accept-encoding");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Service service;
  private final String region;
  private final String backend;
  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicInteger verified = new AtomicInteger();
  private final List<String> refusals = new CopyOnWriteArrayList<>();

  /** The prefix handed out per warehouse, to strip from later paths. */
  private final Map<String, String> prefixes = new ConcurrentHashMap<>();

  private SigV4VerifyingProxy(Service service, String region, String backend) throws IOException {
    this.service = service;
    this.region = region;
    this.backend = backend;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  /** A proxy for {@code service} in {@code region} forwarding to the catalog at {@code backend}. */
  static SigV4VerifyingProxy start(Service service, String region, String backend)
      throws IOException {
    return new SigV4VerifyingProxy(service, region, backend);
  }

  /** What a client puts in {@code iceberg.catalog.uri}. */
  String uri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/iceberg";
  }

  /** Requests whose signature matched and that were forwarded. */
  int verifiedRequests() {
    return verified.get();
  }

  /** The reason of every refused request, in order. */
  List<String> refusals() {
    return List.copyOf(refusals);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String refusal = verify(exchange, body);
      if (refusal != null) {
        refusals.add(
            exchange.getRequestMethod()
                + " "
                + exchange.getRequestURI().getRawPath()
                + ": "
                + refusal);
        respond(exchange, 403, error(refusal, "ForbiddenException", 403));
        return;
      }
      verified.incrementAndGet();
      forward(exchange, body);
    } catch (Exception e) {
      respond(exchange, 500, error("proxy failure: " + e, "RuntimeException", 500));
    }
  }

  /** Null if the request is signed as AWS would require, else AWS's reason for refusing it. */
  private String verify(HttpExchange exchange, byte[] body) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null) {
      return "Missing Authentication Token";
    }
    Matcher auth = AUTHORIZATION.matcher(authorization);
    if (!auth.matches()) {
      return "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'";
    }
    if (!ACCESS_KEY.equals(auth.group(1))) {
      return "The security token included in the request is invalid.";
    }
    if (!region.equals(auth.group(3))) {
      return "Credential should be scoped to a valid region, not '" + auth.group(3) + "'.";
    }
    if (!service.signingName.equals(auth.group(4))) {
      return "Credential should be scoped to correct service: '" + service.signingName + "'.";
    }
    String amzDate = exchange.getRequestHeaders().getFirst("X-Amz-Date");
    Instant signedAt;
    try {
      signedAt = Instant.from(AMZ_DATE.parse(amzDate));
    } catch (RuntimeException e) {
      return "Missing or malformed X-Amz-Date header";
    }
    if (Duration.between(signedAt, Instant.now()).abs().toMinutes() > 5) {
      return "Signature expired: " + amzDate + " is more than 5 minutes from now.";
    }
    if (!auth.group(2).equals(amzDate.substring(0, 8))) {
      return "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date";
    }
    if (!List.of(auth.group(5).split(";")).contains("host")) {
      return "'Host' must be a signed header";
    }
    String expected = recompute(exchange, body, auth.group(5).split(";"), signedAt);
    if (!expected.equals(auth.group(6))) {
      return "The request signature we calculated does not match the signature you provided."
          + " Check your AWS Secret Access Key and signing method.";
    }
    return null;
  }

  /**
   * The signature AWS would compute: the request as received, with only the headers the client said
   * it signed, signed by the SDK's V4 signer at the client's own X-Amz-Date. (The SDK's newer
   * AwsV4HttpSigner always adds and signs x-amz-content-sha256, so it cannot reproduce a signature
   * over exactly the client's header list; the proxy's own test signs with that newer signer, so
   * two implementations are made to agree.)
   */
  @SuppressWarnings("deprecation")
  private String recompute(
      HttpExchange exchange, byte[] body, String[] signedHeaders, Instant signedAt) {
    URI received = exchange.getRequestURI();
    SdkHttpFullRequest.Builder request =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.fromValue(exchange.getRequestMethod()))
            .uri(
                URI.create(
                    "http://"
                        + exchange.getRequestHeaders().getFirst("Host")
                        + received.getRawPath()
                        + (received.getRawQuery() == null ? "" : "?" + received.getRawQuery())))
            .contentStreamProvider(() -> new ByteArrayInputStream(body));
    for (String name : signedHeaders) {
      List<String> values = exchange.getRequestHeaders().get(name);
      if (values != null && !name.equalsIgnoreCase("host")) {
        request.putHeader(name, values);
      }
    }
    SdkHttpFullRequest signed =
        Aws4Signer.create()
            .sign(
                request.build(),
                Aws4SignerParams.builder()
                    .signingName(service.signingName)
                    .signingRegion(Region.of(region))
                    .awsCredentials(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))
                    .signingClockOverride(Clock.fixed(signedAt, ZoneOffset.UTC))
                    .build());
    Matcher m = AUTHORIZATION.matcher(signed.firstMatchingHeader("Authorization").orElse(""));
    return m.matches() && m.group(5).equals(String.join(";", signedHeaders)) ? m.group(6) : "";
  }

  /** Strips the service's path shape and forwards to the plain REST catalog. */
  private void forward(HttpExchange exchange, byte[] body) throws Exception {
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    if (!path.startsWith("/iceberg/v1/")) {
      respond(exchange, 404, error("No such endpoint: " + path, "NoSuchEndpoint", 404));
      return;
    }
    String rest = path.substring("/iceberg".length());
    if (rest.equals("/v1/config")) {
      answerConfig(exchange, query);
      return;
    }
    String stripped = null;
    for (String prefix : prefixes.values()) {
      if (rest.startsWith("/v1/" + prefix + "/")) {
        stripped = "/v1/" + rest.substring(("/v1/" + prefix + "/").length());
      }
    }
    if (stripped == null) {
      respond(exchange, 404, error("Unknown catalog in path " + path, "NoSuchCatalog", 404));
      return;
    }
    HttpRequest.Builder out =
        HttpRequest.newBuilder(URI.create(backend + stripped + (query == null ? "" : "?" + query)))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> out.header(name, v));
              }
            });
    HttpResponse<byte[]> response = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
    response
        .headers()
        .firstValue("Content-Type")
        .ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
    respond(exchange, response.statusCode(), response.body());
  }

  /** GET /v1/config?warehouse=...: refused unless the warehouse has the service's form. */
  private void answerConfig(HttpExchange exchange, String query) throws Exception {
    String warehouse = null;
    for (String pair : query == null ? new String[0] : query.split("&")) {
      if (pair.startsWith("warehouse=")) {
        warehouse =
            URLDecoder.decode(pair.substring("warehouse=".length()), StandardCharsets.UTF_8);
      }
    }
    if (warehouse == null || !service.warehouse.matcher(warehouse).matches()) {
      respond(
          exchange,
          400,
          error(
              "Invalid warehouse '" + warehouse + "': expected " + service.warehouseForm,
              "BadRequestException",
              400));
      return;
    }
    String prefix = service.prefix(warehouse);
    prefixes.put(warehouse, prefix);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(backend + "/v1/config")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    ObjectNode config = (ObjectNode) JSON.readTree(response.body());
    ObjectNode overrides =
        config.has("overrides") && config.get("overrides").isObject()
            ? (ObjectNode) config.get("overrides")
            : config.putObject("overrides");
    overrides.put("prefix", prefix);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    respond(exchange, 200, JSON.writeValueAsBytes(config));
  }

  /** Iceberg's REST error shape, so Iceberg's client quotes the message in its exception. */
  private static byte[] error(String message, String type, int code) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("error").put("message", message).put("type", type).put("code", code);
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
