package io.eer.review.api;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP receiver (JDK HttpServer on a free loopback port) for the reviewers' webhook: records every POST with
 * its {@code X-EER-Signature}; the review service is configured to post to it.
 */
public class ReviewerWebhookRecorder implements QuarkusTestResourceLifecycleManager {

    public record Post(String body, String signature) {
    }

    private static final List<Post> POSTS = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/hooks/reviews", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                POSTS.add(new Post(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("X-EER-Signature")));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return Map.of("eer.review.webhook.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/reviews");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The posts whose body mentions {@code text}. */
    public static List<Post> postsAbout(String text) {
        return POSTS.stream().filter(post -> post.body().contains(text)).toList();
    }
}
