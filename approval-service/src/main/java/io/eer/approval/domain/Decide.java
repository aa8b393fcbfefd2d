package io.eer.approval.domain;

import java.time.Instant;
import java.util.Set;

/** A command: {@code approver}, member of {@code approverGroups} (from the token), decides on a request. */
public record Decide(String approver, Set<String> approverGroups, Decision decision, String comment, Instant at) {
    public Decide {
        approverGroups = Set.copyOf(approverGroups);
    }
}
