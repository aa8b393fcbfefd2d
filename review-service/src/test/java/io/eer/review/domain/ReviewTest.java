package io.eer.review.domain;

import static io.eer.review.domain.ReviewFixtures.GRANT;
import static io.eer.review.domain.ReviewFixtures.REQUEST;
import static io.eer.review.domain.ReviewFixtures.scheduled;
import static org.assertj.core.api.Assertions.assertThat;

import io.eer.review.domain.ReviewCommand.Complete;
import io.eer.review.domain.ReviewEvent.ReviewCompleted;
import io.eer.support.testing.DeciderSpec;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Given a review's events, when a reviewer completes it, then these events (or this refusal). */
class ReviewTest {

    static final ReviewId REV_1 = new ReviewId("rev-1");
    static final List<ReviewEvent> OPEN = List.of(scheduled("rev-1"));
    static final ReviewCompleted DONE = new ReviewCompleted(REV_1, GRANT, REQUEST, Outcome.ACCESS_APPROPRIATE,
            null, "heidi");

    static Complete complete(String who, Set<String> groups, Outcome outcome, String findings) {
        return new Complete(who, groups, outcome, findings);
    }

    @Test
    void complete_bySecopsMember_recordsReviewCompleted() {
        DeciderSpec.given(Review.DECIDER, OPEN)
                .when(complete("heidi", Set.of("secops"), Outcome.FINDINGS_RAISED, "ran DDL outside the incident scope"))
                .then(new ReviewCompleted(REV_1, GRANT, REQUEST, Outcome.FINDINGS_RAISED,
                        "ran DDL outside the incident scope", "heidi"));
    }

    @Test
    void complete_byMemberOfAnyReviewerGroup_isAccepted_andBlankFindingsOfAppropriateAccessAreDropped() {
        DeciderSpec.given(Review.DECIDER, OPEN)
                .when(complete("ivan", Set.of("sec-leads", "oncall-dba"), Outcome.ACCESS_APPROPRIATE, "  "))
                .then(new ReviewCompleted(REV_1, GRANT, REQUEST, Outcome.ACCESS_APPROPRIATE, null, "ivan"));
    }

    static Stream<Arguments> refusals() {
        Set<String> secops = Set.of("secops");
        return Stream.of(
                Arguments.of("unknown", List.of(), complete("heidi", secops, Outcome.ACCESS_APPROPRIATE, null),
                        ReviewRule.UNKNOWN_REVIEW),
                Arguments.of("requester", OPEN, complete("dave", secops, Outcome.ACCESS_APPROPRIATE, null),
                        ReviewRule.SEPARATION_OF_DUTIES),
                Arguments.of("beneficiary", OPEN, complete("erin", secops, Outcome.ACCESS_APPROPRIATE, null),
                        ReviewRule.SEPARATION_OF_DUTIES),
                Arguments.of("approver", OPEN, complete("frank", secops, Outcome.ACCESS_APPROPRIATE, null),
                        ReviewRule.SEPARATION_OF_DUTIES),
                Arguments.of("not a reviewer", OPEN, complete("judy", Set.of("oncall-dba", "auditors"),
                        Outcome.ACCESS_APPROPRIATE, null), ReviewRule.REVIEWER_GROUP),
                Arguments.of("completed", List.of(scheduled("rev-1"), DONE), complete("ivan", secops,
                        Outcome.ACCESS_MISUSED, "dropped a table"), ReviewRule.ALREADY_COMPLETED),
                Arguments.of("no findings", OPEN, complete("heidi", secops, Outcome.ACCESS_MISUSED, " "),
                        ReviewRule.FINDINGS_REQUIRED),
                Arguments.of("no findings", OPEN, complete("heidi", secops, Outcome.FINDINGS_RAISED, null),
                        ReviewRule.FINDINGS_REQUIRED),
                Arguments.of("too long", OPEN, complete("heidi", secops, Outcome.FINDINGS_RAISED,
                        "x".repeat(Review.MAX_FINDINGS + 1)), ReviewRule.FINDINGS_TOO_LONG),
                Arguments.of("no outcome", OPEN, complete("heidi", secops, null, "x"), ReviewRule.OUTCOME_REQUIRED));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("refusals")
    void complete_whenRuleBroken_isRefused(String what, List<ReviewEvent> history, Complete command,
            ReviewRule expected) {
        DeciderSpec.given(Review.DECIDER, history).when(command).thenRefused(expected);
    }

    @Test
    void complete_byRequesterInReviewerGroup_isSeparationOfDuties_notGroup() {
        DeciderSpec.given(Review.DECIDER, OPEN)
                .when(complete("dave", Set.of("secops", "sec-leads"), Outcome.ACCESS_APPROPRIATE, null))
                .thenRefused(ReviewRule.SEPARATION_OF_DUTIES);

        assertThat(ReviewRule.SEPARATION_OF_DUTIES.rule()).isEqualTo("separation-of-duties");
        assertThat(ReviewRule.SEPARATION_OF_DUTIES.field()).isEqualTo("reviewer");
        assertThat(ReviewRule.ALREADY_COMPLETED.rule()).isEqualTo("complete-once"); // the API's names stay
    }

    @Test
    void fold_followsStatus() {
        assertThat(DeciderSpec.given(Review.DECIDER).state().exists()).isFalse();
        assertThat(DeciderSpec.given(Review.DECIDER, OPEN).state().status()).isEqualTo(ReviewStatus.OPEN);
        assertThat(DeciderSpec.given(Review.DECIDER, scheduled("rev-1"), DONE).state().status())
                .isEqualTo(ReviewStatus.COMPLETED);
    }

    @Test
    void validate_acceptsMaximumLengthAndAppropriateWithoutFindings() {
        assertThat(Review.validate(Outcome.ACCESS_MISUSED, "x".repeat(Review.MAX_FINDINGS))).isEmpty();
        assertThat(Review.validate(Outcome.ACCESS_APPROPRIATE, null)).isEmpty();
    }

    @Test
    void ids_refuseBlankOversizedAndControlCharacters() {
        for (String bad : new String[] {"", " ", "a\tb", "a\u007fb", "x".repeat(201)}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ReviewId(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
