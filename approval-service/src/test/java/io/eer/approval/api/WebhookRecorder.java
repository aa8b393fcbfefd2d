package io.eer.approval.api;

import io.eer.support.testing.HttpReceiver;
import io.eer.support.testing.HttpReceiver.Reply;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The approvers' webhook receiver (service-support's {@link HttpReceiver}); the approval service is configured to
 * post to it. {@link #failFor} makes it answer 503 to the first posts about one request, as an outage would.
 */
public class WebhookRecorder implements QuarkusTestResourceLifecycleManager {

    private static final String HOOK = "/hooks/approvals";

    /** {@code signature}: the {@code X-EER-Signature} header, over {@code body}'s exact UTF-8 bytes; {@code at}: arrival. */
    public record Post(int answered, String contentType, String body, String signature, Instant at) {
    }

    private static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();
    private static final CountDownLatch SLOW_RELEASED = new CountDownLatch(1);
    private static final Map<String, CountDownLatch> HELD = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> ARRIVED = new ConcurrentHashMap<>();
    private static volatile HttpReceiver receiver;

    @Override
    public Map<String, String> start() {
        receiver = HttpReceiver.start().on(HOOK, request -> {
            String body = request.text();
            for (Map.Entry<String, CountDownLatch> held : HELD.entrySet()) {
                if (body.contains(held.getKey())) {
                    ARRIVED.get(held.getKey()).countDown();
                    // a receiver that has not answered yet: the post is in flight until the test releases it
                    held.getValue().await(30, TimeUnit.SECONDS);
                }
            }
            int status = "POST".equals(request.method()) ? 200 : 405;
            for (Map.Entry<String, AtomicInteger> failing : FAILURES.entrySet()) {
                if (body.contains(failing.getKey()) && failing.getValue().getAndDecrement() > 0) {
                    status = 503;
                }
            }
            return Reply.status(status);
        });
        // for WebhookSenderTest: a redirect (must not be followed), a broken receiver, a slow one
        receiver.on("/hooks/redirect", request -> Reply.status(302).header("Location", HOOK))
                .on("/hooks/broken", request -> Reply.status(500))
                .on("/hooks/slow", request -> {
                    // a receiver that hangs until the test resource stops: the sender's timeout must cut it short
                    SLOW_RELEASED.await(30, TimeUnit.SECONDS);
                    return Reply.status(200);
                });
        return Map.of("eer.approval.webhook.url", receiver.url(HOOK),
                "eer.approval.public-url", "https://eer.example.test/approvals-api");
    }

    @Override
    public void stop() {
        SLOW_RELEASED.countDown();
        HELD.values().forEach(CountDownLatch::countDown);
        if (receiver != null) {
            receiver.close();
        }
    }

    /** {@code http://127.0.0.1:<port>} of the receiver. */
    public static String base() {
        return receiver.base();
    }

    /** How many requests the test receiver {@code name} (redirect, broken, slow) has had. */
    public static int hits(String name) {
        return receiver.received("/hooks/" + name).size();
    }

    /** Every post received so far whose body mentions {@code requestId}, in order. */
    public static List<Post> postsAbout(String requestId) {
        return receiver.received(HOOK).stream().filter(post -> post.text().contains(requestId))
                .map(post -> new Post(post.status(), post.header("Content-Type"), post.text(),
                        post.header("X-EER-Signature"), post.at()))
                .toList();
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
