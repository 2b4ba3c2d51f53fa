package io.otlpiceberg.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An S3 endpoint in front of a real one (S3Mock) that passes every request through, except while a
 * fault is on: then the writes it selects are answered as S3 answers an overloaded bucket, {@code
 * 503 SlowDown}, which the AWS SDK retries and then gives up on. Reads always pass, so only the
 * writing side fails: data files, manifests, metadata files.
 */
final class FailingObjectStore implements AutoCloseable {
  private static final Set<String> NOT_FORWARDED =
      Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");
  private static final byte[] SLOW_DOWN =
      ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
              + "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
              + "</Error>")
          .getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String target;
  private final AtomicInteger refused = new AtomicInteger();
  private volatile Predicate<String> failing = path -> false;

  private FailingObjectStore(String target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * @param target the real store's endpoint, e.g. {@code http://127.0.0.1:9090}
   */
  static FailingObjectStore start(String target) throws IOException {
    return new FailingObjectStore(target);
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** From now on, refuse writes (PUT, POST) to objects whose path the test selects. */
  void failWrites(Predicate<String> paths) {
    failing = paths;
  }

  /** Back to passing everything through. */
  void heal() {
    failing = path -> false;
  }

  /** Writes refused so far: proof the fault reached the connector. */
  int refused() {
    return refused.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      if ((method.equals("PUT") || method.equals("POST")) && failing.test(path)) {
        refused.incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(503, SLOW_DOWN.length);
        exchange.getResponseBody().write(SLOW_DOWN);
        return;
      }
      forward(exchange, method, body);
    }
  }

  private void forward(HttpExchange exchange, String method, byte[] body) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI().toString()))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body.length == 0 && !method.equals("PUT") && !method.equals("POST")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        header.getValue().forEach(value -> request.header(header.getKey(), value));
      }
    }
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (!lower.equals("transfer-encoding")
                  && !lower.equals("connection")
                  && !lower.equals(":status")
                  && (lower.equals("content-length") == method.equals("HEAD"))) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    byte[] answer = response.body();
    boolean noBody =
        method.equals("HEAD")
            || answer.length == 0
            || response.statusCode() == 204
            || response.statusCode() == 304;
    exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : answer.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
