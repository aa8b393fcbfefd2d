package io.eer.review.domain;

import io.eer.review.domain.ReviewCommand.Attest;
import io.eer.review.domain.ReviewCommand.Complete;
import io.eer.review.domain.ReviewCommand.Remind;
import io.eer.review.domain.ReviewCommand.Schedule;
import io.eer.review.domain.ReviewEvent.AttestationGiven;
import io.eer.review.domain.ReviewEvent.ReviewCompleted;
import io.eer.review.domain.ReviewEvent.ReviewOverdue;
import io.eer.review.domain.ReviewEvent.ReviewScheduled;
import io.eer.support.decider.Decider;
import io.eer.support.decider.Decision;
import java.util.Optional;

/**
 * The post-access User Access Review of one grant (aggregate id = review id), where {@code ReviewScheduled} and
 * {@code ReviewCompleted} are decided. Its history is {@code ReviewScheduled}, then any {@code ReviewOverdue}
 * reminders and at most one {@code AttestationGiven}, then at most one {@code ReviewCompleted}.
 *
 * <ul>
 *   <li>One review per grant: scheduling an existing review records nothing (and the read model's unique grant id
 *       refuses a second review of the same grant under another id).</li>
 *   <li>Separation of duties: the requester, the beneficiary and the approvers of the access never complete its
 *       review, whatever groups they are in.</li>
 *   <li>Only members of the review's reviewer groups complete it, once.</li>
 *   <li>Findings are required unless the outcome is {@code ACCESS_APPROPRIATE}, and at most
 *       {@link #MAX_FINDINGS} characters.</li>
 *   <li>Break-glass (EMERGENCY) access: the beneficiary's attestation ("what I did and why") must be in before the
 *       review is completed; only the beneficiary attests, once, while the review is open.</li>
 *   <li>An open review past its due time is reminded ({@code ReviewOverdue}), escalated from a configured reminder
 *       on; a completed one never.</li>
 * </ul>
 * The completion checks run in this order: review exists, separation of duties, reviewer group, completed already,
 * content, attestation.
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
        if (command instanceof Attest attest) {
            return attest(state, attest);
        }
        if (command instanceof Remind remind) {
            return remind(state, remind);
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
        if (complete.attestationRequired() && state.attestation() == null) {
            return Decision.refuse(ReviewRule.ATTESTATION_REQUIRED, "break-glass access: its beneficiary must attest"
                    + " what they did and why (POST /v1/reviews/{id}/attestation) before the review is completed");
        }
        String findings = complete.findings() == null || complete.findings().isBlank() ? null : complete.findings();
        return Decision.accept(new ReviewCompleted(scheduled.reviewId(), scheduled.grantId(), scheduled.requestId(),
                complete.outcome(), findings, reviewer));
    }

    private static Decision<ReviewEvent> attest(ReviewState state, Attest attest) {
        if (!state.exists()) {
            return Decision.refuse(ReviewRule.UNKNOWN_REVIEW, "no review is known by this id");
        }
        if (attest.beneficiary() == null || !attest.beneficiary().equals(attest.caller())) {
            return Decision.refuse(ReviewRule.ATTESTER_BENEFICIARY,
                    "only the person who received this access attests what they did with it");
        }
        if (state.status() == ReviewStatus.COMPLETED) {
            return Decision.refuse(ReviewRule.ALREADY_COMPLETED, "the review was completed already");
        }
        if (state.attestation() != null) {
            return Decision.refuse(ReviewRule.ATTEST_ONCE, "attested already at " + state.attestation().at());
        }
        Optional<Decision.Refused<ReviewEvent>> invalid = validateStatement(attest.statement());
        if (invalid.isPresent()) {
            return invalid.get();
        }
        return Decision.accept(new AttestationGiven(state.scheduled().reviewId(), attest.caller(),
                attest.statement().strip(), attest.at()));
    }

    private static Decision<ReviewEvent> remind(ReviewState state, Remind remind) {
        if (state.status() != ReviewStatus.OPEN || !remind.now().isAfter(state.scheduled().dueAt())) {
            return Decision.nothing();
        }
        ReviewScheduled scheduled = state.scheduled();
        int reminder = state.reminders() + 1;
        boolean escalated = remind.escalateFrom() > 0 && reminder >= remind.escalateFrom()
                && !remind.escalationGroups().isEmpty();
        return Decision.accept(new ReviewOverdue(scheduled.reviewId(), scheduled.grantId(), scheduled.requestId(),
                scheduled.dueAt(), reminder, scheduled.reviewerGroups(), escalated ? remind.escalationGroups() : null));
    }

    @Override
    public ReviewState evolve(ReviewState state, ReviewEvent event) {
        if (event instanceof ReviewScheduled scheduled && !state.exists()) {
            return new ReviewState(scheduled, null);
        }
        if (event instanceof ReviewCompleted completed && state.status() == ReviewStatus.OPEN) {
            return new ReviewState(state.scheduled(), completed, state.attestation(), state.reminders());
        }
        if (event instanceof AttestationGiven attestation && state.status() == ReviewStatus.OPEN) {
            return new ReviewState(state.scheduled(), null, attestation, state.reminders());
        }
        if (event instanceof ReviewOverdue overdue && state.status() == ReviewStatus.OPEN) {
            return new ReviewState(state.scheduled(), null, state.attestation(), overdue.reminder());
        }
        throw new IllegalStateException("a review's history is ReviewScheduled then ReviewCompleted, not "
                + event.getClass().getSimpleName() + " after " + state.status());
    }

    /** The rules on what an attestation says, whoever says it; empty when it is acceptable. */
    public static <E> Optional<Decision.Refused<E>> validateStatement(String statement) {
        if (statement == null || statement.isBlank()) {
            return Optional.of(new Decision.Refused<>(ReviewRule.STATEMENT_REQUIRED,
                    "say what you did with the access and why"));
        }
        if (statement.length() > MAX_FINDINGS) {
            return Optional.of(new Decision.Refused<>(ReviewRule.STATEMENT_TOO_LONG,
                    "must be at most " + MAX_FINDINGS + " characters"));
        }
        return Optional.empty();
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
