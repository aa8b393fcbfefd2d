package io.eer.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A review is still open after {@code dueAt}: reminder number {@code reminder} (1 = first) went to
 * {@code reviewerGroups}; from the configured reminder on it is escalated, and {@code escalatedTo} names the groups
 * told as well (absent before that).
 */
public record ReviewOverdue(
        String reviewId,
        String grantId,
        String requestId,
        Instant dueAt,
        int reminder,
        List<String> reviewerGroups,
        List<String> escalatedTo) implements DomainEvent {
    public ReviewOverdue {
        reviewerGroups = List.copyOf(reviewerGroups);
        escalatedTo = escalatedTo == null ? null : List.copyOf(escalatedTo);
    }
}
