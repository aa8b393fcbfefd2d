package io.eer.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One topic per producing service; dead letters per consuming service. */
public final class Topics {
    public static final String REQUESTS = "eer.requests";
    public static final String APPROVALS = "eer.approvals";
    public static final String GRANTS = "eer.grants";
    public static final String SESSIONS = "eer.sessions";
    /** Every statement run through the PostgreSQL session gateway (session-gateway), one SessionActionLogged each. */
    public static final String GATEWAY = "eer.gateway";
    public static final String EXPIRIES = "eer.expiries";
    public static final String REVIEWS = "eer.reviews";
    public static final String ALERTS = "eer.alerts";
    public static final String CHECKPOINTS = "eer.checkpoints";

    public static final List<String> DOMAIN = List.of(REQUESTS, APPROVALS, GRANTS, SESSIONS, GATEWAY, EXPIRIES, REVIEWS,
            ALERTS);

    /**
     * The one service that produces each topic, as its CloudEvent {@code source}: an event on a topic from any other
     * source is forged or misrouted, and consumers refuse it.
     */
    private static final Map<String, String> PRODUCERS = Map.of(
            REQUESTS, "/eer/request-service",
            APPROVALS, "/eer/approval-service",
            GRANTS, "/eer/grant-service",
            SESSIONS, "/eer/grant-service",
            GATEWAY, "/eer/session-gateway",
            EXPIRIES, "/eer/expiry-service",
            REVIEWS, "/eer/review-service",
            ALERTS, "/eer/audit-service",
            CHECKPOINTS, "/eer/audit-service");

    private Topics() {
    }

    /**
     * The CloudEvent {@code source} of the service that produces {@code topic}, which may carry a prefix (tests use
     * {@code test-grant.eer.approvals}); empty for a topic EER does not know (dead-letter topics included).
     */
    public static Optional<String> producerOf(String topic) {
        if (topic == null) {
            return Optional.empty();
        }
        int start = topic.lastIndexOf("eer.");
        if (start < 0 || (start > 0 && topic.charAt(start - 1) != '.')) {
            return Optional.empty();
        }
        return Optional.ofNullable(PRODUCERS.get(topic.substring(start)));
    }

    public static String deadLetter(String service) {
        return "eer.dlq." + service;
    }
}
