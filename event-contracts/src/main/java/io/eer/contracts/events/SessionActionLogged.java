package io.eer.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One action inside a privileged session. {@code source} says who reported it, so reviews and reports can keep
 * the kinds of evidence apart. From grant-service ({@code eer.sessions}): {@code agent:<sub>} (a session agent, token
 * subject {@code sub}, scoped to the grant's system) or {@code self-reported} (the beneficiary about their own
 * session: their word, not an observation); events written before this rule carry the reporter's own label (e.g.
 * {@code pgaudit}). Optional {@code reportedVia}: what the reporter named as the record's origin (free text). From
 * session-gateway ({@code eer.gateway}): every statement it relayed, with {@code kind}, {@code statement}
 * (truncated, redacted where the policy asks) and {@code truncated}; those three are optional and absent on
 * grant-service's events ({@code truncated} is written only when true).
 */
public record SessionActionLogged(
        String grantId,
        String requestId,
        String sessionId,
        String action,
        String object,
        Instant at,
        String source,
        String reportedVia,
        String kind,
        String statement,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean truncated) implements DomainEvent {

    /** {@code source} of an action a session agent reported: {@code agent:<sub>}. */
    public static final String AGENT_PREFIX = "agent:";
    /** {@code source} of an action the beneficiary reported about their own session. */
    public static final String SELF_REPORTED = "self-reported";

    /** The event as it was before {@code reportedVia} and the gateway's fields. */
    public SessionActionLogged(String grantId, String requestId, String sessionId, String action, String object,
            Instant at, String source) {
        this(grantId, requestId, sessionId, action, object, at, source, null, null, null, false);
    }

    /** A reported action (grant-service): with what the reporter named as its origin. */
    public SessionActionLogged(String grantId, String requestId, String sessionId, String action, String object,
            Instant at, String source, String reportedVia) {
        this(grantId, requestId, sessionId, action, object, at, source, reportedVia, null, null, false);
    }

    /** A statement the session gateway relayed. */
    public SessionActionLogged(String grantId, String requestId, String sessionId, String action, String object,
            Instant at, String source, String kind, String statement, boolean truncated) {
        this(grantId, requestId, sessionId, action, object, at, source, null, kind, statement, truncated);
    }
}
