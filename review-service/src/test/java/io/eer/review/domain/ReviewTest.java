package io.eer.review.domain;

import static io.eer.review.domain.ReviewFixtures.GRANT;
import static io.eer.review.domain.ReviewFixtures.REQUEST;
import static io.eer.review.domain.ReviewFixtures.scheduled;
import static org.assertj.core.api.Assertions.assertThat;

import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.ReviewCompleted;
import io.eer.contracts.events.Values.ReviewOutcome;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Given a review's events, when a reviewer completes it, then these events (or this refusal). */
class ReviewTest {

    static final List<DomainEvent> OPEN = List.of(scheduled("rev-1"));
    static final ReviewCompleted DONE = new ReviewCompleted("rev-1", GRANT, REQUEST, ReviewOutcome.ACCESS_APPROPRIATE,
            null, "heidi");

    static Complete complete(String who, Set<String> groups, ReviewOutcome outcome, String findings) {
        return new Complete(who, groups, outcome, findings);
    }

    @Test
    void complete_bySecopsMember_recordsReviewCompleted() {
        Verdict verdict = Review.complete(OPEN, complete("heidi", Set.of("secops"), ReviewOutcome.FINDINGS_RAISED,
                "ran DDL outside the incident scope"));

        assertThat(verdict).isEqualTo(new Verdict.Accepted(List.of(new ReviewCompleted("rev-1", GRANT, REQUEST,
                ReviewOutcome.FINDINGS_RAISED, "ran DDL outside the incident scope", "heidi"))));
    }

    @Test
    void complete_byMemberOfAnyReviewerGroup_isAccepted_andBlankFindingsOfAppropriateAccessAreDropped() {
        Verdict verdict = Review.complete(OPEN, complete("ivan", Set.of("sec-leads", "oncall-dba"),
                ReviewOutcome.ACCESS_APPROPRIATE, "  "));

        assertThat(verdict).isEqualTo(new Verdict.Accepted(List.of(new ReviewCompleted("rev-1", GRANT, REQUEST,
                ReviewOutcome.ACCESS_APPROPRIATE, null, "ivan"))));
    }

    static Stream<Arguments> refusals() {
        Set<String> secops = Set.of("secops");
        return Stream.of(
                Arguments.of("unknown", List.of(), complete("heidi", secops, ReviewOutcome.ACCESS_APPROPRIATE, null),
                        Refusal.UNKNOWN_REVIEW),
                Arguments.of("requester", OPEN, complete("dave", secops, ReviewOutcome.ACCESS_APPROPRIATE, null),
                        Refusal.SEPARATION_OF_DUTIES),
                Arguments.of("beneficiary", OPEN, complete("erin", secops, ReviewOutcome.ACCESS_APPROPRIATE, null),
                        Refusal.SEPARATION_OF_DUTIES),
                Arguments.of("approver", OPEN, complete("frank", secops, ReviewOutcome.ACCESS_APPROPRIATE, null),
                        Refusal.SEPARATION_OF_DUTIES),
                Arguments.of("not a reviewer", OPEN, complete("judy", Set.of("oncall-dba", "auditors"),
                        ReviewOutcome.ACCESS_APPROPRIATE, null), Refusal.REVIEWER_GROUP),
                Arguments.of("completed", List.of(scheduled("rev-1"), DONE), complete("ivan", secops,
                        ReviewOutcome.ACCESS_MISUSED, "dropped a table"), Refusal.ALREADY_COMPLETED),
                Arguments.of("no findings", OPEN, complete("heidi", secops, ReviewOutcome.ACCESS_MISUSED, " "),
                        Refusal.FINDINGS_REQUIRED),
                Arguments.of("no findings", OPEN, complete("heidi", secops, ReviewOutcome.FINDINGS_RAISED, null),
                        Refusal.FINDINGS_REQUIRED),
                Arguments.of("too long", OPEN, complete("heidi", secops, ReviewOutcome.FINDINGS_RAISED,
                        "x".repeat(Review.MAX_FINDINGS + 1)), Refusal.FINDINGS_TOO_LONG),
                Arguments.of("no outcome", OPEN, complete("heidi", secops, null, "x"), Refusal.OUTCOME_REQUIRED));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("refusals")
    void complete_whenRuleBroken_isRefused(String what, List<DomainEvent> history, Complete command, Refusal expected) {
        Verdict verdict = Review.complete(history, command);

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Refused.class,
                refused -> assertThat(refused.refusal()).isEqualTo(expected));
    }

    @Test
    void complete_byRequesterInReviewerGroup_isSeparationOfDuties_notGroup() {
        Verdict verdict = Review.complete(OPEN, complete("dave", Set.of("secops", "sec-leads"),
                ReviewOutcome.ACCESS_APPROPRIATE, null));

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Refused.class, refused -> {
            assertThat(refused.refusal().rule()).isEqualTo("separation-of-duties");
            assertThat(refused.refusal().field()).isEqualTo("reviewer");
        });
    }

    @Test
    void replay_followsStatus() {
        assertThat(Review.replay(List.of())).isEmpty();
        assertThat(Review.replay(OPEN)).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(ReviewStatus.OPEN));
        assertThat(Review.replay(List.of(scheduled("rev-1"), DONE)))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(ReviewStatus.COMPLETED));
    }

    @Test
    void validate_acceptsMaximumLengthAndAppropriateWithoutFindings() {
        assertThat(Review.validate(ReviewOutcome.ACCESS_MISUSED, "x".repeat(Review.MAX_FINDINGS))).isEmpty();
        assertThat(Review.validate(ReviewOutcome.ACCESS_APPROPRIATE, null)).isEmpty();
    }
}
