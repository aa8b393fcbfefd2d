package io.eer.request.domain;

import java.time.Duration;
import java.util.List;

/**
 * What a caller asked for, well-formed but not yet checked against the policy; any field may be missing.
 * {@code duration} null means "the rule's default". {@code beneficiary} is only for ON_BEHALF requests. {@code scope}
 * (null: none named) narrows the objects the access is for, within the system's scope in the policy.
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
        String ticket,
        List<String> scope) {

    public RequestedAccess {
        scope = scope == null ? null : List.copyOf(scope);
    }

    public RequestedAccess(RequestKind kind, Origin origin, Beneficiary beneficiary, String system, String role,
            Duration duration, String justification, String incident, String ticket) {
        this(kind, origin, beneficiary, system, role, duration, justification, incident, ticket, null);
    }

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

    /** The objects the access is for: the scope asked for, else the system's in the policy (empty: none named). */
    public List<String> decidedScope(Policy.TargetSystem system) {
        return scope != null && !scope.isEmpty() ? scope : system.scope();
    }
}
