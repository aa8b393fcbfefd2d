package io.eer.review.domain;

import static io.eer.review.domain.ReviewFixtures.DEFAULTS;
import static io.eer.review.domain.ReviewFixtures.GRANT;
import static io.eer.review.domain.ReviewFixtures.REQUEST;
import static io.eer.review.domain.ReviewFixtures.REVOKED_AT;
import static io.eer.review.domain.ReviewFixtures.approved;
import static io.eer.review.domain.ReviewFixtures.fact;
import static io.eer.review.domain.ReviewFixtures.requested;
import static io.eer.review.domain.ReviewFixtures.revoked;
import static io.eer.review.domain.ReviewFixtures.scheduled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.Values.RevocationReason;
import io.eer.review.domain.ReviewCommand.Schedule;
import io.eer.support.testing.DeciderSpec;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Given a request's received events, when one more arrives, then these accesses are due a review. */
class ReviewIntakeTest {

    private static final Set<GrantId> REVIEWED = Set.of(GRANT);

    @Test
    void receive_revokedAfterRequestAndApproval_isDueWithExcludedReviewersAndDeadline() {
        List<AccessUnderReview> due = ReviewIntake.receive(List.of(requested(), approved("grace", "frank")),
                revoked(), DEFAULTS);

        assertThat(due).singleElement().satisfies(access -> {
            assertThat(access.requestId()).isEqualTo(REQUEST);
            assertThat(access.grantId()).isEqualTo(GRANT);
            assertThat(access.requester()).isEqualTo("dave");
            assertThat(access.beneficiary()).isEqualTo("erin");
            assertThat(access.system()).isEqualTo("payments-db");
            assertThat(access.role()).isEqualTo("db_admin");
            assertThat(access.approvers()).containsExactly("grace", "frank");
            assertThat(access.reviewerGroups()).containsExactly("secops", "sec-leads");
            assertThat(access.excludedReviewers()).containsExactly("dave", "erin", "frank", "grace");
            assertThat(access.revokedAt()).isEqualTo(REVOKED_AT);
            assertThat(access.dueAt()).isEqualTo(REVOKED_AT.plus(Duration.ofDays(2)));
        });
    }

    @Test
    void receive_revokedBeforeRequest_waitsThenIsDueWhenContextArrives() {
        assertThat(ReviewIntake.receive(List.of(), revoked(), DEFAULTS)).isEmpty();
        assertThat(ReviewIntake.receive(List.of(revoked()), requested(), DEFAULTS)).isEmpty();

        List<AccessUnderReview> due = ReviewIntake.receive(List.of(revoked(), requested()), approved("frank"),
                DEFAULTS);

        assertThat(due).singleElement().satisfies(access -> {
            assertThat(access.grantId()).isEqualTo(GRANT);
            assertThat(access.excludedReviewers()).containsExactly("dave", "erin", "frank");
        });
    }

    @Test
    void receive_withoutApproval_isNotDue_soNoApproverCanSlipIntoTheReviewers() {
        assertThat(ReviewIntake.receive(List.of(requested()), revoked(), DEFAULTS)).isEmpty();
    }

    @Test
    void receive_whenGrantReviewedAlready_isNotDueAgain() {
        List<UpstreamFact> history = List.of(requested(), approved("frank"), revoked());

        assertThat(ReviewIntake.receive(history, REVIEWED, revoked(), DEFAULTS)).isEmpty();
        assertThat(ReviewIntake.receive(history, REVIEWED, revoked(GRANT.value(), REVOKED_AT.plusSeconds(5)), DEFAULTS))
                .isEmpty();
        assertThat(ReviewIntake.receive(history, REVIEWED, approved("heidi"), DEFAULTS)).isEmpty();
    }

    @Test
    void receive_revokedTwiceBeforeScheduling_isDueOnce_fromTheFirstRevocation() {
        UpstreamFact again = fact(new AccessRevoked(GRANT.value(), REQUEST.value(), "payments-db",
                RevocationReason.REVOKED_EARLY, REVOKED_AT.plusSeconds(90), 0, true));

        List<AccessUnderReview> due = ReviewIntake.receive(List.of(revoked(), again, requested()), approved("frank"),
                DEFAULTS);

        assertThat(due).singleElement().satisfies(access -> assertThat(access.revokedAt()).isEqualTo(REVOKED_AT));
    }

    @Test
    void receive_secondGrantOfRequest_isDueOnItsOwn() {
        List<UpstreamFact> history = List.of(requested(), approved("frank"), revoked());

        assertThat(ReviewIntake.receive(history, REVIEWED, revoked("grant-2", REVOKED_AT.plusSeconds(60)), DEFAULTS))
                .extracting(AccessUnderReview::grantId).containsExactly(new GrantId("grant-2"));
    }

    @Test
    void receive_approvalsAddUp_andApprovedRepeatsOfRequesterAreExcludedOnce() {
        List<AccessUnderReview> due = ReviewIntake.receive(List.of(requested(), approved("frank"), approved("dave",
                "grace")), revoked(), DEFAULTS);

        assertThat(due).singleElement().satisfies(access -> {
            assertThat(access.approvers()).containsExactly("frank", "dave", "grace");
            assertThat(access.excludedReviewers()).containsExactly("dave", "erin", "frank", "grace");
        });
    }

    @Test
    void receive_whenRequestNamesNoReviewPlan_usesDefaults() {
        List<AccessUnderReview> due = ReviewIntake.receive(List.of(requested(null), approved("frank")), revoked(),
                DEFAULTS);
        List<AccessUnderReview> noGroups = ReviewIntake.receive(List.of(
                requested(new io.eer.contracts.events.Values.ReviewPlan(List.of(), null)), approved("frank")), revoked(), DEFAULTS);

        assertThat(due).singleElement().satisfies(access -> {
            assertThat(access.reviewerGroups()).containsExactly("secops");
            assertThat(access.dueAt()).isEqualTo(REVOKED_AT.plus(Duration.ofDays(7)));
        });
        assertThat(noGroups).singleElement().satisfies(access -> {
            assertThat(access.reviewerGroups()).containsExactly("secops");
            assertThat(access.dueAt()).isEqualTo(REVOKED_AT.plus(Duration.ofDays(7)));
        });
    }

    @Test
    void receive_revocationWithoutTime_isRefusedAsMalformed() {
        UpstreamFact noTime = fact(new AccessRevoked(GRANT.value(), REQUEST.value(), "payments-db",
                RevocationReason.EXPIRED, null, 0, true));

        assertThatThrownBy(() -> ReviewIntake.receive(List.of(requested(), approved("frank")), noTime, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("revokedAt");
    }

    @Test
    void schedule_dueAccess_isOneReviewScheduled_andNothingOnAnExistingReview() {
        AccessUnderReview access = ReviewIntake.receive(List.of(requested(), approved("grace", "frank")), revoked(),
                DEFAULTS).get(0);

        DeciderSpec.given(Review.DECIDER).when(new Schedule(new ReviewId("rev-1"), access)).then(scheduled("rev-1"));
        DeciderSpec.given(Review.DECIDER, scheduled("rev-1")).when(new Schedule(new ReviewId("rev-2"), access)).then();
        assertThat(scheduled("rev-1").excludedReviewers()).isSorted();
    }
}
