package io.eer.contracts.events;

import java.time.Instant;

/**
 * One action inside a privileged session. {@code source} says who reported it, so reviews and reports can keep
 * the kinds of evidence apart: {@code agent:<sub>} (a session agent, token subject {@code sub}, scoped to the
 * grant's system) or {@code self-reported} (the beneficiary about their own session: their word, not an
 * observation). Events written before this rule carry the reporter's own label (e.g. {@code pgaudit}). Optional:
 * {@code reportedVia}, what the reporter named as the record's origin (free text, e.g. {@code pgaudit}).
 */
public record SessionActionLogged(
        String grantId,
        String requestId,
        String sessionId,
        String action,
        String object,
        Instant at,
        String source,
        String reportedVia) implements DomainEvent {

    /** {@code source} of an action a session agent reported: {@code agent:<sub>}. */
    public static final String AGENT_PREFIX = "agent:";
    /** {@code source} of an action the beneficiary reported about their own session. */
    public static final String SELF_REPORTED = "self-reported";

    /** The event as it was before {@code reportedVia}. */
    public SessionActionLogged(String grantId, String requestId, String sessionId, String action, String object,
            Instant at, String source) {
        this(grantId, requestId, sessionId, action, object, at, source, null);
    }
}
