package io.eer.support.security;

import io.eer.contracts.events.Values.MfaEvidence;
import io.eer.contracts.events.Values.PrincipalType;
import io.eer.contracts.events.Values.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The verified caller of a REST request, as its bearer token says. */
public record Caller(String id, PrincipalType type, Set<String> groups, List<String> amr, Instant authTime) {

    public Caller {
        groups = Set.copyOf(groups);
        amr = List.copyOf(amr);
    }

    public boolean inAnyGroup(java.util.Collection<String> candidates) {
        return candidates.stream().anyMatch(groups::contains);
    }

    public Principal principal() {
        return new Principal(id, type, groups.stream().sorted().toList());
    }

    public MfaEvidence mfa() {
        return new MfaEvidence(amr, authTime);
    }
}
