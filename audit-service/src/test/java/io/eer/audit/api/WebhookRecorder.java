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

/**
 * A tiny HTTP server standing in for Slack: records every POST and answers 200, except that the first POST of a body
 * containing {@code flaky} gets a 500, so the retry can be seen. The service's webhook URL points here in tests.
 */
public class WebhookRecorder implements QuarkusTestResourceLifecycleManager {

    /** {@code bytes}: the body exactly as received; {@code signature}: its {@code X-EER-Signature} header. */
    public record Post(int status, String contentType, String body, byte[] bytes, String signature) {
    }

    static final List<Post> POSTS = new CopyOnWriteArrayList<>();
    private static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();
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
            int status = body.contains("flaky") && FAILED_ONCE.add(body) ? 500 : 200;
            POSTS.add(new Post(status, exchange.getRequestHeaders().getFirst("Content-Type"), body, bytes,
                    exchange.getRequestHeaders().getFirst("X-EER-Signature")));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return Map.of("eer.soc.webhook.url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/eer");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
