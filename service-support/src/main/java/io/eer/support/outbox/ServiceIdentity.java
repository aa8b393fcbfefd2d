package io.eer.support.outbox;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Who this service is on the event bus. */
@ConfigMapping(prefix = "eer.service")
public interface ServiceIdentity {

    /** Short name, e.g. {@code request}; the CloudEvent source is {@code /eer/<name>-service}. */
    String name();

    /** Prepended to every topic name; tests give each service its own topics with it. */
    Optional<String> topicPrefix();

    default String source() {
        return "/eer/" + name() + "-service";
    }

    default String topic(String topic) {
        return topicPrefix().orElse("") + topic;
    }
}
