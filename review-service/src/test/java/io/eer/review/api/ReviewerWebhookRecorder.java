package io.eer.review.api;

import io.eer.support.testing.HttpReceiver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * The reviewers' webhook receiver (service-support's {@link HttpReceiver}): records every POST with its
 * {@code X-EER-Signature}; the review service is configured to post to it.
 */
public class ReviewerWebhookRecorder implements QuarkusTestResourceLifecycleManager {

    public record Post(String body, String signature) {
    }

    private static volatile HttpReceiver receiver;

    @Override
    public Map<String, String> start() {
        receiver = HttpReceiver.start().on("/hooks/reviews");
        return Map.of("eer.review.webhook.url", receiver.url("/hooks/reviews"));
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    /** The posts whose body mentions {@code text}. */
    public static List<Post> postsAbout(String text) {
        return receiver.received("/hooks/reviews").stream().map(post -> new Post(post.text(), post.header("X-EER-Signature")))
                .filter(post -> post.body().contains(text)).toList();
    }
}
