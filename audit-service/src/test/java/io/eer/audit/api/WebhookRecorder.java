package io.eer.audit.api;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP server standing in for Slack: records every POST and answers 200, except that the first POST of a body
 * containing {@code flaky} gets a 500, so the retry can be seen, and a body containing {@code held} is answered only
 * once {@link #release()} is called (or the recorder stops), so a test can look at the database while a post is in
 * flight. The service's webhook URL points here in tests.
 */
public class WebhookRecorder implements QuarkusTestResourceLifecycleManager {

    /** {@code bytes}: the body exactly as received; {@code signature}: its {@code X-EER-Signature} header. */
    public record Post(int status, String contentType, String body, byte[] bytes, String signature) {
    }

    static final List<Post> POSTS = new CopyOnWriteArrayList<>();
    private static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();
    /** Bodies of held posts that have arrived and wait for {@link #release()}. */
    static final List<String> HELD = new CopyOnWriteArrayList<>();
    private static volatile CountDownLatch held = new CountDownLatch(1);
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks/eer", exchange -> {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            String body = new String(bytes, StandardCharsets.UTF_8);
            if (body.contains("held")) {
                CountDownLatch latch = held;
                HELD.add(body);
                try {
                    latch.await(); // released by the test, or at stop
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = body.contains("flaky") && FAILED_ONCE.add(body) ? 500 : 200;
            POSTS.add(new Post(status, exchange.getRequestHeaders().getFirst("Content-Type"), body, bytes,
                    exchange.getRequestHeaders().getFirst("X-EER-Signature")));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool()); // a held post must not hold up the others
        server.start();
        return Map.of("eer.soc.webhook.url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/eer");
    }

    /** Answers the held posts (and lets the next ones through until {@link #hold()}). */
    static void release() {
        held.countDown();
    }

    /** Holds the next posts whose body contains {@code held} again. */
    static void hold() {
        held = new CountDownLatch(1);
    }

    @Override
    public void stop() {
        release();
        if (server != null) {
            server.stop(0);
        }
    }
}
