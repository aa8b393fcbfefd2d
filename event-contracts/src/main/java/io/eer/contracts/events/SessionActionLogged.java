package io.eer.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One action inside a privileged session. From grant-service ({@code eer.sessions}): reported by the beneficiary or
 * a session agent. From session-gateway ({@code eer.gateway}): every statement it relayed, with {@code kind},
 * {@code statement} (truncated, redacted where the policy asks) and {@code truncated}; those three are optional and
 * absent on grant-service's events ({@code truncated} is written only when true).
 */
public record SessionActionLogged(
        String grantId,
        String requestId,
        String sessionId,
        String action,
        String object,
        Instant at,
        String source,
        String kind,
        String statement,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean truncated) implements DomainEvent {

    /** The form before the gateway's fields (grant-service's session actions). */
    public SessionActionLogged(String grantId, String requestId, String sessionId, String action, String object,
            Instant at, String source) {
        this(grantId, requestId, sessionId, action, object, at, source, null, null, false);
    }
}
