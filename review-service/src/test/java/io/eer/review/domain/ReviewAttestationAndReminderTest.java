package io.eer.review.domain;

import static io.eer.review.domain.ReviewFixtures.GRANT;
import static io.eer.review.domain.ReviewFixtures.REQUEST;
import static io.eer.review.domain.ReviewFixtures.scheduled;
import static org.assertj.core.api.Assertions.assertThat;

import io.eer.review.domain.ReviewCommand.Attest;
import io.eer.review.domain.ReviewCommand.Complete;
import io.eer.review.domain.ReviewCommand.Remind;
import io.eer.review.domain.ReviewEvent.AttestationGiven;
import io.eer.review.domain.ReviewEvent.ReviewCompleted;
import io.eer.review.domain.ReviewEvent.ReviewOverdue;
import io.eer.review.domain.ReviewEvent.ReviewScheduled;
import io.eer.support.testing.DeciderSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Break-glass attestation and overdue reminders, decided by the {@link Review}. */
class ReviewAttestationAndReminderTest {

    static final ReviewId REV_1 = new ReviewId("rev-1");
    static final ReviewScheduled SCHEDULED = scheduled("rev-1");
    static final Instant DUE = SCHEDULED.dueAt();
    static final Instant AT = DUE.minus(Duration.ofHours(1));
    static final AttestationGiven ATTESTED = new AttestationGiven(REV_1, "erin", "fixed the month-end job", AT);
    static final List<String> ADMINS = List.of("eer-admins");

    static Complete emergencyCompletion() {
        return new Complete("heidi", Set.of("secops"), Outcome.ACCESS_APPROPRIATE, null, true);
    }

    @Test
    void complete_breakGlassWithoutAttestation_isRefused() {
        DeciderSpec.given(Review.DECIDER, SCHEDULED).when(emergencyCompletion())
                .thenRefused(ReviewRule.ATTESTATION_REQUIRED);
        assertThat(ReviewRule.ATTESTATION_REQUIRED.rule()).isEqualTo("attestation-required");
    }

    @Test
    void complete_breakGlassAfterAttestation_isAccepted() {
        DeciderSpec.given(Review.DECIDER, SCHEDULED, ATTESTED).when(emergencyCompletion())
                .then(new ReviewCompleted(REV_1, GRANT, REQUEST, Outcome.ACCESS_APPROPRIATE, null, "heidi"));
    }

    @Test
    void complete_byBeneficiary_isStillSeparationOfDuties_evenAfterAttesting() {
        DeciderSpec.given(Review.DECIDER, SCHEDULED, ATTESTED)
                .when(new Complete("erin", Set.of("secops"), Outcome.ACCESS_APPROPRIATE, null, true))
                .thenRefused(ReviewRule.SEPARATION_OF_DUTIES);
    }

    @Test
    void attest_byBeneficiary_recordsAttestationGiven_strippedOfSurroundingBlanks() {
        DeciderSpec.given(Review.DECIDER, SCHEDULED)
                .when(new Attest("erin", "erin", "  fixed the month-end job \n", AT))
                .then(ATTESTED);
    }

    @Test
    void attest_bySomeoneElse_twice_afterCompletion_orEmpty_isRefused() {
        DeciderSpec.given(Review.DECIDER, SCHEDULED).when(new Attest("dave", "erin", "I asked for it", AT))
                .thenRefused(ReviewRule.ATTESTER_BENEFICIARY);
        DeciderSpec.given(Review.DECIDER, SCHEDULED).when(new Attest("erin", null, "x", AT))
                .thenRefused(ReviewRule.ATTESTER_BENEFICIARY);
        DeciderSpec.given(Review.DECIDER, SCHEDULED, ATTESTED).when(new Attest("erin", "erin", "again", AT))
                .thenRefused(ReviewRule.ATTEST_ONCE);
        DeciderSpec.given(Review.DECIDER, SCHEDULED, new ReviewCompleted(REV_1, GRANT, REQUEST,
                Outcome.ACCESS_APPROPRIATE, null, "heidi")).when(new Attest("erin", "erin", "late", AT))
                .thenRefused(ReviewRule.ALREADY_COMPLETED);
        DeciderSpec.given(Review.DECIDER, SCHEDULED).when(new Attest("erin", "erin", "  ", AT))
                .thenRefused(ReviewRule.STATEMENT_REQUIRED);
        DeciderSpec.given(Review.DECIDER, SCHEDULED).when(new Attest("erin", "erin",
                "x".repeat(Review.MAX_FINDINGS + 1), AT)).thenRefused(ReviewRule.STATEMENT_TOO_LONG);
        DeciderSpec.given(Review.DECIDER).when(new Attest("erin", "erin", "x", AT))
                .thenRefused(ReviewRule.UNKNOWN_REVIEW);
    }

    @Test
    void remind_afterDue_remindsThenEscalatesFromTheConfiguredReminder() {
        Instant late = DUE.plusSeconds(1);
        ReviewOverdue first = new ReviewOverdue(REV_1, GRANT, REQUEST, DUE, 1, SCHEDULED.reviewerGroups(), null);
        ReviewOverdue second = new ReviewOverdue(REV_1, GRANT, REQUEST, DUE, 2, SCHEDULED.reviewerGroups(), ADMINS);
        DeciderSpec.given(Review.DECIDER, SCHEDULED).when(new Remind(late, 2, ADMINS)).then(first);
        DeciderSpec.given(Review.DECIDER, SCHEDULED, first).when(new Remind(late, 2, ADMINS)).then(second);
        assertThat(DeciderSpec.given(Review.DECIDER, SCHEDULED, first, second).state().reminders()).isEqualTo(2);
    }

    @Test
    void remind_beforeDue_orOnceCompleted_recordsNothing() {
        DeciderSpec.given(Review.DECIDER, SCHEDULED).when(new Remind(DUE, 1, ADMINS)).then();
        DeciderSpec.given(Review.DECIDER, SCHEDULED, new ReviewCompleted(REV_1, GRANT, REQUEST,
                Outcome.ACCESS_APPROPRIATE, null, "heidi")).when(new Remind(DUE.plusSeconds(60), 1, ADMINS)).then();
        DeciderSpec.given(Review.DECIDER).when(new Remind(DUE.plusSeconds(60), 1, ADMINS)).then();
    }
}
