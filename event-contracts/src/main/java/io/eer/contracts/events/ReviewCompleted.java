package io.eer.contracts.events;

import io.eer.contracts.events.Values.ReviewOutcome;

public record ReviewCompleted(
        String reviewId,
        String grantId,
        String requestId,
        ReviewOutcome outcome,
        String findings,
        String reviewer) implements DomainEvent {
}
