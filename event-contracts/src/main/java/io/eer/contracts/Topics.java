package io.eer.contracts;

import java.util.List;

/** One topic per producing service; dead letters per consuming service. */
public final class Topics {
    public static final String REQUESTS = "eer.requests";
    public static final String APPROVALS = "eer.approvals";
    public static final String GRANTS = "eer.grants";
    public static final String SESSIONS = "eer.sessions";
    public static final String EXPIRIES = "eer.expiries";
    public static final String REVIEWS = "eer.reviews";
    public static final String ALERTS = "eer.alerts";
    public static final String CHECKPOINTS = "eer.checkpoints";

    public static final List<String> DOMAIN = List.of(REQUESTS, APPROVALS, GRANTS, SESSIONS, EXPIRIES, REVIEWS, ALERTS);

    private Topics() {
    }

    public static String deadLetter(String service) {
        return "eer.dlq." + service;
    }
}
