package io.eer.approval.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A command: {@code approver}, member of {@code approverGroups} (from the token), decides on a request.
 * {@code mfa}: the token's authentication methods (amr) and auth_time.
 */
public record Decide(String approver, Set<String> approverGroups, Decision decision, String comment, Instant at,
        MfaEvidence mfa) implements ApprovalCommand {
    public Decide {
        approverGroups = Set.copyOf(approverGroups);
        mfa = mfa == null ? new MfaEvidence(List.of(), null) : mfa;
    }

    public Decide(String approver, Set<String> approverGroups, Decision decision, String comment, Instant at) {
        this(approver, approverGroups, decision, comment, at, null);
    }
}
