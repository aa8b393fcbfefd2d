package io.eer.audit.api;

import io.eer.support.testing.HttpReceiver;
import io.eer.support.testing.HttpReceiver.Reply;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for Slack on service-support's {@link HttpReceiver}: records every POST and answers 200, except that the
 * first POST of a body containing {@code flaky} gets a 500, so the retry can be seen, and a body containing
 * {@code held} is answered only once {@link #release()} is called (or the recorder stops), so a test can look at the
 * database while a post is in flight. The service's webhook URL points here in tests.
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
    private HttpReceiver receiver;

    @Override
    public Map<String, String> start() {
        receiver = HttpReceiver.start().on("/hooks/eer", request -> {
            String body = request.text();
            if (body.contains("held")) {
                CountDownLatch latch = held;
                HELD.add(body);
                latch.await(); // released by the test, or at stop
            }
            int status = body.contains("flaky") && FAILED_ONCE.add(body) ? 500 : 200;
            POSTS.add(new Post(status, request.header("Content-Type"), body, request.body(),
                    request.header("X-EER-Signature")));
            return Reply.status(status);
        });
        return Map.of("eer.soc.webhook.url", receiver.url("/hooks/eer"));
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
        if (receiver != null) {
            receiver.close();
        }
    }
}
