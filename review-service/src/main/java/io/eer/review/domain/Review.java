package io.eer.review.domain;

import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.ReviewCompleted;
import io.eer.contracts.events.ReviewScheduled;
import io.eer.contracts.events.Values.ReviewOutcome;
import java.util.List;
import java.util.Optional;

/**
 * The post-access User Access Review of one grant, folded from its events: {@code ReviewScheduled}, then at most
 * one {@code ReviewCompleted}. The decide functions are pure: given the history and a command, the new events or
 * a refusal.
 *
 * <ul>
 *   <li>One review per grant: scheduling on a non-empty history records nothing.</li>
 *   <li>Separation of duties: the requester, the beneficiary and the approvers of the access never complete its
 *       review, whatever groups they are in.</li>
 *   <li>Only members of the review's reviewer groups complete it, once.</li>
 *   <li>Findings are required unless the outcome is {@code ACCESS_APPROPRIATE}, and at most
 *       {@link #MAX_FINDINGS} characters.</li>
 * </ul>
 */
public record Review(ReviewScheduled scheduled, ReviewCompleted completed) {

    public static final int MAX_FINDINGS = 4000;

    /** Folds {@code history} (oldest first); empty when no review was scheduled. */
    public static Optional<Review> replay(List<? extends DomainEvent> history) {
        Review state = null;
        for (DomainEvent event : history) {
            if (event instanceof ReviewScheduled scheduled && state == null) {
                state = new Review(scheduled, null);
            } else if (event instanceof ReviewCompleted completed && state != null && state.completed == null) {
                state = new Review(state.scheduled, completed);
            } else {
                throw new IllegalStateException("a review's history is ReviewScheduled then ReviewCompleted, not "
                        + event.getClass().getSimpleName() + " after " + state);
            }
        }
        return Optional.ofNullable(state);
    }

    public ReviewStatus status() {
        return completed == null ? ReviewStatus.OPEN : ReviewStatus.COMPLETED;
    }

    /** Schedules the review {@code reviewId} of {@code access}; a review that exists already stays as it is. */
    public static List<DomainEvent> schedule(List<? extends DomainEvent> history, String reviewId,
            AccessUnderReview access) {
        if (!history.isEmpty()) {
            return List.of();
        }
        return List.of(new ReviewScheduled(reviewId, access.grantId(), access.requestId(), access.reviewerGroups(),
                access.excludedReviewers(), access.dueAt()));
    }

    /** A reviewer completes the review. */
    public static Verdict complete(List<? extends DomainEvent> history, Complete command) {
        Optional<Review> found = replay(history);
        if (found.isEmpty()) {
            return new Verdict.Refused(Refusal.UNKNOWN_REVIEW, "no review is known by this id");
        }
        ReviewScheduled scheduled = found.get().scheduled();
        String reviewer = command.reviewer();
        if (scheduled.excludedReviewers().contains(reviewer)) {
            return new Verdict.Refused(Refusal.SEPARATION_OF_DUTIES, "'" + reviewer
                    + "' requested, received or approved this access and may not review it");
        }
        if (scheduled.reviewerGroups().stream().noneMatch(command.reviewerGroups()::contains)) {
            return new Verdict.Refused(Refusal.REVIEWER_GROUP,
                    "only members of " + scheduled.reviewerGroups() + " may complete this review");
        }
        if (found.get().status() == ReviewStatus.COMPLETED) {
            ReviewCompleted done = found.get().completed();
            return new Verdict.Refused(Refusal.ALREADY_COMPLETED,
                    "the review was completed already by '" + done.reviewer() + "' (" + done.outcome() + ")");
        }
        Optional<Verdict.Refused> invalid = validate(command.outcome(), command.findings());
        if (invalid.isPresent()) {
            return invalid.get();
        }
        String findings = command.findings() == null || command.findings().isBlank() ? null : command.findings();
        return new Verdict.Accepted(List.of(new ReviewCompleted(scheduled.reviewId(), scheduled.grantId(),
                scheduled.requestId(), command.outcome(), findings, reviewer)));
    }

    /** The rules on what a completion says, whoever says it; empty when it is acceptable. */
    public static Optional<Verdict.Refused> validate(ReviewOutcome outcome, String findings) {
        if (outcome == null) {
            return Optional.of(new Verdict.Refused(Refusal.OUTCOME_REQUIRED,
                    "must be ACCESS_APPROPRIATE, FINDINGS_RAISED or ACCESS_MISUSED"));
        }
        if (findings != null && findings.length() > MAX_FINDINGS) {
            return Optional.of(new Verdict.Refused(Refusal.FINDINGS_TOO_LONG,
                    "must be at most " + MAX_FINDINGS + " characters"));
        }
        if (outcome != ReviewOutcome.ACCESS_APPROPRIATE && (findings == null || findings.isBlank())) {
            return Optional.of(new Verdict.Refused(Refusal.FINDINGS_REQUIRED,
                    "describe the findings when the outcome is " + outcome));
        }
        return Optional.empty();
    }
}
