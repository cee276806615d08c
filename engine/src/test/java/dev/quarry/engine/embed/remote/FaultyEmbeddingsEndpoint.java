package dev.quarry.engine.embed.remote;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An OpenAI-compatible {@code POST /v1/embeddings} on loopback that serves real vectors (from a
 * {@link VectorSource}) and, at a given rate, fails in the ways real endpoints do: 429 with {@code
 * Retry-After} (in seconds or as an HTTP date), 500, an answer slower than the client's timeout,
 * and bodies cut at a random byte (with the full {@code Content-Length}, so the connection breaks,
 * or with the cut length, so the JSON is incomplete). Faults and cut points come from one seeded
 * generator. Bounded: 8 handler threads; closes in {@link #close()}.
 */
public final class FaultyEmbeddingsEndpoint implements AutoCloseable {
  public enum Fault {
    RATE_LIMITED,
    SERVER_ERROR,
    SLOW,
    CUT_CONNECTION,
    CUT_JSON
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(8);
  private final VectorSource source;
  private final Random random;
  private final long slowMillis;
  private volatile double faultRate;

  /** Whether the next request fails whatever the rate draws ({@link #faultNext}). */
  private final AtomicBoolean faultNext = new AtomicBoolean();

  private volatile String requiredKey;
  private volatile int breakAfter = Integer.MAX_VALUE;
  private final AtomicInteger requests = new AtomicInteger();

  /**
   * Requests received and not yet answered. A request leaves it just before its answer is written:
   * counting until the handler returns would overlap the client's next request, which it may send
   * as soon as it has read the answer, and read one more than the client's cap.
   */
  private final Set<HttpExchange> unanswered = ConcurrentHashMap.newKeySet();

  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final Map<Fault, AtomicInteger> faults = new EnumMap<>(Fault.class);
  private final List<String> inputs = new ArrayList<>();

  /** A single answer to give instead of the vectors, for error tests. */
  private volatile Answer override;

  /** An answer for the next request only; taken atomically so no request sees it twice. */
  private final AtomicReference<Answer> once = new AtomicReference<>();

  record Answer(int status, String body, String retryAfter) {}

  public FaultyEmbeddingsEndpoint(VectorSource source, long seed, long slowMillis)
      throws IOException {
    this.source = source;
    this.random = new Random(seed);
    this.slowMillis = slowMillis;
    for (Fault f : Fault.values()) {
      faults.put(f, new AtomicInteger());
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(threads);
    server.createContext("/v1/embeddings", this::handle);
    server.start();
  }

  /** The API base to give an embedder, e.g. {@code http://127.0.0.1:PORT/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** The share of requests that fail (0 heals it, 1 fails every one). */
  public void faultRate(double rate) {
    this.faultRate = rate;
  }

  /**
   * The next request gets a fault (of a kind drawn as the others are) whatever the rate draws: a
   * test that must see at least one fault cannot then pass or fail by its seed.
   */
  public void faultNext() {
    faultNext.set(true);
  }

  /** Requests after the first {@code n} all get 500 (an outage), until set back higher. */
  void breakAfter(int n) {
    this.breakAfter = n;
  }

  /** Requests without {@code Authorization: Bearer key} get 401. */
  void requireKey(String key) {
    this.requiredKey = key;
  }

  /** Answers every request with this until set to null. */
  void answer(Answer value) {
    this.override = value;
  }

  /** Answers the next request with this, then serves vectors again. */
  void answerOnce(Answer value) {
    this.once.set(value);
  }

  public int requests() {
    return requests.get();
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  public int faults(Fault f) {
    return faults.get(f).get();
  }

  public int faults() {
    return faults.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** Every input text of every request, faulty or not, in arrival order. */
  synchronized List<String> inputs() {
    return List.copyOf(inputs);
  }

  private void handle(HttpExchange exchange) throws IOException {
    int number = requests.incrementAndGet();
    unanswered.add(exchange);
    maxInFlight.accumulateAndGet(unanswered.size(), Math::max);
    try {
      if (number > breakAfter) {
        send(exchange, 500, "{\"error\": {\"message\": \"The server is down\"}}");
      } else {
        serve(exchange);
      }
    } catch (IOException e) {
      // the client gave up (a slow answer) or the body was cut on purpose
    } catch (Exception e) {
      send(exchange, 502, "{\"error\": {\"message\": \"upstream failed\"}}");
    } finally {
      exchange.close(); // short of Content-Length, this breaks the connection
      unanswered.remove(exchange);
    }
  }

  private void serve(HttpExchange exchange) throws Exception {
    JsonObject request =
        JsonParser.parseString(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
            .getAsJsonObject();
    List<String> texts = new ArrayList<>();
    for (JsonElement e : request.getAsJsonArray("input")) {
      texts.add(e.getAsString());
    }
    synchronized (this) {
      inputs.addAll(texts);
    }
    String key = requiredKey;
    if (key != null
        && !("Bearer " + key).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      send(exchange, 401, "{\"error\": {\"message\": \"Incorrect API key provided\"}}");
      return;
    }
    Answer next = once.getAndSet(null);
    Answer fixed = next != null ? next : override;
    if (fixed != null) {
      if (fixed.retryAfter() != null) {
        exchange.getResponseHeaders().set("Retry-After", fixed.retryAfter());
      }
      send(exchange, fixed.status(), fixed.body());
      return;
    }
    Fault fault;
    double cut;
    boolean dateHeader;
    synchronized (random) {
      boolean drawn = random.nextDouble() < faultRate;
      fault = drawn || faultNext.getAndSet(false) ? Fault.values()[random.nextInt(5)] : null;
      cut = random.nextDouble();
      dateHeader = random.nextBoolean();
    }
    if (fault != null) {
      faults.get(fault).incrementAndGet();
    }
    if (fault == Fault.RATE_LIMITED) {
      exchange
          .getResponseHeaders()
          .set(
              "Retry-After",
              dateHeader
                  ? DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))
                  : "0");
      send(exchange, 429, "{\"error\": {\"message\": \"Rate limit reached\"}}");
      return;
    }
    if (fault == Fault.SERVER_ERROR) {
      send(exchange, 500, "{\"error\": {\"message\": \"The server had an error\"}}");
      return;
    }
    if (fault == Fault.SLOW) {
      Thread.sleep(slowMillis);
    }
    byte[] body = answer(request.get("model").getAsString(), texts);
    if (fault == Fault.CUT_CONNECTION || fault == Fault.CUT_JSON) {
      int at = (int) (cut * (body.length - 1));
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      answer(exchange, 200, fault == Fault.CUT_JSON ? at : body.length);
      OutputStream out = exchange.getResponseBody();
      out.write(body, 0, at);
      out.flush();
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    answer(exchange, 200, body.length);
    exchange.getResponseBody().write(body);
  }

  private byte[] answer(String model, List<String> texts) throws Exception {
    float[][] vectors = source.embed(model, texts);
    JsonArray data = new JsonArray();
    for (int i = 0; i < vectors.length; i++) {
      JsonObject item = new JsonObject();
      item.addProperty("object", "embedding");
      item.addProperty("index", i);
      JsonArray v = new JsonArray(vectors[i].length);
      for (float x : vectors[i]) {
        v.add(x);
      }
      item.add("embedding", v);
      data.add(item);
    }
    JsonObject root = new JsonObject();
    root.addProperty("object", "list");
    root.add("data", data);
    root.addProperty("model", model);
    JsonObject usage = new JsonObject();
    usage.addProperty("prompt_tokens", texts.stream().mapToInt(t -> t.split(" ").length).sum());
    root.add("usage", usage);
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Sends the answer's status line and headers; from here the request no longer counts. */
  private void answer(HttpExchange exchange, int status, long length) throws IOException {
    unanswered.remove(exchange);
    exchange.sendResponseHeaders(status, length);
  }

  private void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    answer(exchange, status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
