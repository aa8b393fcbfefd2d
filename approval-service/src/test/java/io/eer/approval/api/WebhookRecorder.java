package io.eer.approval.api;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP webhook receiver (JDK HttpServer on a free loopback port) that records every POST; the approval
 * service is configured to post to it. {@link #failFor} makes it answer 503 to the first posts about one request,
 * as an outage would.
 */
public class WebhookRecorder implements QuarkusTestResourceLifecycleManager {

    /** {@code signature}: the {@code X-EER-Signature} header, over {@code body}'s exact UTF-8 bytes; {@code at}: arrival. */
    public record Post(int answered, String contentType, String body, String signature, java.time.Instant at) {
    }

    private static final List<Post> POSTS = new CopyOnWriteArrayList<>();
    private static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();
    private static final CountDownLatch SLOW_RELEASED = new CountDownLatch(1);
    private static final Map<String, CountDownLatch> HELD = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> ARRIVED = new ConcurrentHashMap<>();
    private static volatile String base;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/hooks/approvals", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            java.time.Instant arrived = java.time.Instant.now();
            for (Map.Entry<String, CountDownLatch> held : HELD.entrySet()) {
                if (body.contains(held.getKey())) {
                    ARRIVED.get(held.getKey()).countDown();
                    try {
                        // a receiver that has not answered yet: the post is in flight until the test releases it
                        held.getValue().await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            int status = "POST".equals(exchange.getRequestMethod()) ? 200 : 405;
            for (Map.Entry<String, AtomicInteger> failing : FAILURES.entrySet()) {
                if (body.contains(failing.getKey()) && failing.getValue().getAndDecrement() > 0) {
                    status = 503;
                }
            }
            POSTS.add(new Post(status, exchange.getRequestHeaders().getFirst("Content-Type"), body,
                    exchange.getRequestHeaders().getFirst("X-EER-Signature"), arrived));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        // for WebhookSenderTest: a redirect (must not be followed), a broken receiver, a slow one
        server.createContext("/hooks/redirect", exchange -> {
            HITS.computeIfAbsent("redirect", k -> new AtomicInteger()).incrementAndGet();
            exchange.getResponseHeaders().add("Location", "/hooks/approvals");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/hooks/broken", exchange -> {
            HITS.computeIfAbsent("broken", k -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.createContext("/hooks/slow", exchange -> {
            HITS.computeIfAbsent("slow", k -> new AtomicInteger()).incrementAndGet();
            try {
                // a receiver that hangs until the test resource stops: the sender's timeout must cut it short
                SLOW_RELEASED.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        // a hanging receiver must not hold up the others
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("eer.approval.webhook.url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/approvals",
                "eer.approval.public-url", "https://eer.example.test/approvals-api");
    }

    @Override
    public void stop() {
        SLOW_RELEASED.countDown();
        HELD.values().forEach(CountDownLatch::countDown);
        if (server != null) {
            server.stop(0);
        }
    }

    /** {@code http://127.0.0.1:<port>} of the receiver. */
    public static String base() {
        return base;
    }

    /** How many requests the test receiver {@code name} (redirect, broken, slow) has had. */
    public static int hits(String name) {
        AtomicInteger hits = HITS.get(name);
        return hits == null ? 0 : hits.get();
    }

    /** Every post received so far whose body mentions {@code requestId}, in order. */
    public static List<Post> postsAbout(String requestId) {
        return POSTS.stream().filter(post -> post.body().contains(requestId)).toList();
    }

    /** Every post about {@code requestId} whose {@code eer.kind} is {@code kind}, in order. */
    public static List<Post> postsAbout(String requestId, String kind) {
        return postsAbout(requestId).stream().filter(post -> post.body().contains("\"kind\":\"" + kind + "\""))
                .toList();
    }

    /** Posts about {@code requestId} are held unanswered until {@link #release}. */
    public static void hold(String requestId) {
        ARRIVED.put(requestId, new CountDownLatch(1));
        HELD.put(requestId, new CountDownLatch(1));
    }

    /** Whether a held post about {@code requestId} has arrived (and waits for its answer). */
    public static boolean holding(String requestId) {
        CountDownLatch arrived = ARRIVED.get(requestId);
        return arrived != null && arrived.getCount() == 0;
    }

    /** Answers the held posts about {@code requestId}, and every later one at once. */
    public static void release(String requestId) {
        CountDownLatch held = HELD.remove(requestId);
        if (held != null) {
            held.countDown();
        }
    }

    /** The next {@code times} posts about {@code requestId} are answered 503. */
    public static void failFor(String requestId, int times) {
        FAILURES.put(requestId, new AtomicInteger(times));
    }
}
