package io.eer.support.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.Optional;

/** Who this service is on the event bus. */
@ConfigMapping(prefix = "eer.service")
public interface ServiceIdentity {

    /** Short name, e.g. {@code request}; the CloudEvent source is {@code /eer/<name>-service}. */
    String name();

    /** Prepended to every topic name; tests give each service its own topics with it. */
    Optional<String> topicPrefix();

    /**
     * The CloudEvent source when it is not {@code /eer/<name>-service} (session-gateway publishes as
     * {@code /eer/session-gateway}); it must be the producer {@code io.eer.contracts.Topics} names for its topics.
     */
    @WithName("source")
    Optional<String> explicitSource();

    default String source() {
        return explicitSource().orElse("/eer/" + name() + "-service");
    }

    default String topic(String topic) {
        return topicPrefix().orElse("") + topic;
    }
}
