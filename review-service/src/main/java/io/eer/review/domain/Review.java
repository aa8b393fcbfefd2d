package io.eer.review.domain;

import io.eer.review.domain.ReviewCommand.Complete;
import io.eer.review.domain.ReviewCommand.Schedule;
import io.eer.review.domain.ReviewEvent.ReviewCompleted;
import io.eer.review.domain.ReviewEvent.ReviewScheduled;
import io.eer.support.decider.Decider;
import io.eer.support.decider.Decision;
import java.util.Optional;

/**
 * The post-access User Access Review of one grant (aggregate id = review id), where {@code ReviewScheduled} and
 * {@code ReviewCompleted} are decided. Its history is {@code ReviewScheduled}, then at most one
 * {@code ReviewCompleted}.
 *
 * <ul>
 *   <li>One review per grant: scheduling an existing review records nothing (and the read model's unique grant id
 *       refuses a second review of the same grant under another id).</li>
 *   <li>Separation of duties: the requester, the beneficiary and the approvers of the access never complete its
 *       review, whatever groups they are in.</li>
 *   <li>Only members of the review's reviewer groups complete it, once.</li>
 *   <li>Findings are required unless the outcome is {@code ACCESS_APPROPRIATE}, and at most
 *       {@link #MAX_FINDINGS} characters.</li>
 * </ul>
 * The checks run in this order: review exists, separation of duties, reviewer group, completed already, content.
 */
public final class Review implements Decider<ReviewState, ReviewCommand, ReviewEvent> {

    public static final int MAX_FINDINGS = 4000;
    public static final Review DECIDER = new Review();

    @Override
    public ReviewState initialState() {
        return ReviewState.NONE;
    }

    @Override
    public Decision<ReviewEvent> decide(ReviewState state, ReviewCommand command) {
        if (command instanceof Schedule schedule) {
            if (state.exists()) {
                return Decision.nothing();
            }
            AccessUnderReview access = schedule.access();
            return Decision.accept(new ReviewScheduled(schedule.reviewId(), access.grantId(), access.requestId(),
                    access.reviewerGroups(), access.excludedReviewers(), access.dueAt()));
        }
        Complete complete = (Complete) command;
        if (!state.exists()) {
            return Decision.refuse(ReviewRule.UNKNOWN_REVIEW, "no review is known by this id");
        }
        ReviewScheduled scheduled = state.scheduled();
        String reviewer = complete.reviewer();
        if (scheduled.excludedReviewers().contains(reviewer)) {
            return Decision.refuse(ReviewRule.SEPARATION_OF_DUTIES, "'" + reviewer
                    + "' requested, received or approved this access and may not review it");
        }
        if (scheduled.reviewerGroups().stream().noneMatch(complete.reviewerGroups()::contains)) {
            return Decision.refuse(ReviewRule.REVIEWER_GROUP,
                    "only members of " + scheduled.reviewerGroups() + " may complete this review");
        }
        if (state.status() == ReviewStatus.COMPLETED) {
            ReviewCompleted done = state.completed();
            return Decision.refuse(ReviewRule.ALREADY_COMPLETED,
                    "the review was completed already by '" + done.reviewer() + "' (" + done.outcome() + ")");
        }
        Optional<Decision.Refused<ReviewEvent>> invalid = validate(complete.outcome(), complete.findings());
        if (invalid.isPresent()) {
            return invalid.get();
        }
        String findings = complete.findings() == null || complete.findings().isBlank() ? null : complete.findings();
        return Decision.accept(new ReviewCompleted(scheduled.reviewId(), scheduled.grantId(), scheduled.requestId(),
                complete.outcome(), findings, reviewer));
    }

    @Override
    public ReviewState evolve(ReviewState state, ReviewEvent event) {
        if (event instanceof ReviewScheduled scheduled && !state.exists()) {
            return new ReviewState(scheduled, null);
        }
        if (event instanceof ReviewCompleted completed && state.status() == ReviewStatus.OPEN) {
            return new ReviewState(state.scheduled(), completed);
        }
        throw new IllegalStateException("a review's history is ReviewScheduled then ReviewCompleted, not "
                + event.getClass().getSimpleName() + " after " + state.status());
    }

    /** The rules on what a completion says, whoever says it; empty when it is acceptable. */
    public static <E> Optional<Decision.Refused<E>> validate(Outcome outcome, String findings) {
        if (outcome == null) {
            return Optional.of(new Decision.Refused<>(ReviewRule.OUTCOME_REQUIRED,
                    "must be ACCESS_APPROPRIATE, FINDINGS_RAISED or ACCESS_MISUSED"));
        }
        if (findings != null && findings.length() > MAX_FINDINGS) {
            return Optional.of(new Decision.Refused<>(ReviewRule.FINDINGS_TOO_LONG,
                    "must be at most " + MAX_FINDINGS + " characters"));
        }
        if (outcome != Outcome.ACCESS_APPROPRIATE && (findings == null || findings.isBlank())) {
            return Optional.of(new Decision.Refused<>(ReviewRule.FINDINGS_REQUIRED,
                    "describe the findings when the outcome is " + outcome));
        }
        return Optional.empty();
    }
}
