package io.eer.request.domain;

import java.time.Duration;

/**
 * What a caller asked for, well-formed but not yet checked against the policy; any field may be missing.
 * {@code duration} null means "the rule's default". {@code beneficiary} is only for ON_BEHALF requests.
 */
public record RequestedAccess(
        RequestKind kind,
        Origin origin,
        Beneficiary beneficiary,
        String system,
        String role,
        Duration duration,
        String justification,
        String incident,
        String ticket) {

    /** The person who receives the access when someone else asks for it. */
    public record Beneficiary(String id, PrincipalType type) {
    }

    /** The reference the rule checks: the incident for EMERGENCY, the ticket for JIT. */
    public String reference() {
        return kind == RequestKind.JIT ? ticket : incident;
    }

    public String referenceField() {
        return kind == RequestKind.JIT ? "ticket" : "incident";
    }
}
