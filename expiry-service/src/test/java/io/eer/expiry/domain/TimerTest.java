package io.eer.expiry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eer.expiry.domain.TimerCommand.Cancel;
import io.eer.expiry.domain.TimerCommand.Fire;
import io.eer.expiry.domain.TimerCommand.Schedule;
import io.eer.expiry.domain.TimerEvent.TimerCancelled;
import io.eer.expiry.domain.TimerEvent.TimerFired;
import io.eer.expiry.domain.TimerEvent.TimerScheduled;
import io.eer.support.testing.DeciderSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
    private static final Instant GRANTED_AT = CLOCK.instant();
    private static final Instant DEADLINE = GRANTED_AT.plus(Duration.ofMinutes(30));
    private static final GrantId GRANT = new GrantId("grant-1");
    private static final RequestId REQUEST = new RequestId("request-1");
    private static final TimerScheduled SCHEDULED = new TimerScheduled(GRANT, REQUEST, DEADLINE, GRANTED_AT);

    private static Instant at(Duration sinceGrant) {
        return Clock.offset(CLOCK, sinceGrant).instant();
    }

    private static TimerFired firedAt(Instant now, long lateness) {
        return new TimerFired(GRANT, REQUEST, DEADLINE, now, lateness);
    }

    @Test
    void schedule_fromAccessGranted_isPendingUntilExpiresAt() {
        DeciderSpec.given(Timer.DECIDER).when(new Schedule(GRANT, REQUEST, DEADLINE, GRANTED_AT)).then(SCHEDULED);

        TimerState timer = DeciderSpec.given(Timer.DECIDER, SCHEDULED).state();
        assertThat(timer.grantId()).isEqualTo(GRANT);
        assertThat(timer.requestId()).isEqualTo(REQUEST);
        assertThat(timer.deadline()).isEqualTo(DEADLINE);
        assertThat(timer.status()).isEqualTo(TimerStatus.PENDING);
        assertThat(timer.firedAt()).isNull();
        assertThat(timer.latenessMillis()).isNull();
    }

    @Test
    void schedule_whenScheduledAlready_keepsTheFirstDeadline() {
        DeciderSpec.given(Timer.DECIDER, SCHEDULED)
                .when(new Schedule(GRANT, REQUEST, DEADLINE.plusSeconds(3), GRANTED_AT.plusSeconds(1))).then();
    }

    @Test
    void schedule_whenExpiresAtMissing_isRefused() {
        assertThatThrownBy(() -> new Schedule(GRANT, REQUEST, null, GRANTED_AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expiresAt");
        assertThatThrownBy(() -> new GrantId(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grantId");
    }

    @Test
    void ids_refuseBlankOversizedAndControlCharacters() {
        for (String bad : new String[] {"", "  ", "a\nb", "a\u0000b", "x".repeat(201)}) {
            assertThatThrownBy(() -> new GrantId(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new RequestId(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new GrantId("x".repeat(200)).value()).hasSize(200);
    }

    @Test
    void due_onlyFromTheDeadlineOn() {
        TimerState timer = DeciderSpec.given(Timer.DECIDER, SCHEDULED).state();

        assertThat(timer.due(at(Duration.ofMinutes(29)))).isFalse();
        assertThat(timer.due(DEADLINE.minusNanos(1000))).isFalse();
        assertThat(timer.due(DEADLINE)).isTrue();
        assertThat(timer.due(DEADLINE.plusSeconds(3600))).isTrue();
    }

    @Test
    void fire_atDeadline_firesWithZeroLateness() {
        DeciderSpec.given(Timer.DECIDER, SCHEDULED).when(new Fire(at(Duration.ofMinutes(30))))
                .then(firedAt(DEADLINE, 0));

        TimerState fired = DeciderSpec.given(Timer.DECIDER, SCHEDULED, firedAt(DEADLINE, 0)).state();
        assertThat(fired.status()).isEqualTo(TimerStatus.FIRED);
        assertThat(fired.firedAt()).isEqualTo(DEADLINE);
        assertThat(fired.latenessMillis()).isZero();
    }

    @Test
    void fire_afterDowntime_carriesTheLateness() {
        Instant now = at(Duration.ofMinutes(30).plusSeconds(95).plusMillis(250));

        DeciderSpec.given(Timer.DECIDER, SCHEDULED).when(new Fire(now)).then(firedAt(now, 95_250));
    }

    @Test
    void fire_beforeDeadline_isRefused() {
        String detail = DeciderSpec.given(Timer.DECIDER, SCHEDULED).when(new Fire(at(Duration.ofMinutes(29))))
                .thenRefused(TimerRule.NOT_DUE);
        assertThat(detail).contains("has not come");
        assertThat(TimerRule.NOT_DUE.rule()).isEqualTo("not-due");
    }

    @Test
    void fire_whenNeverScheduled_isRefused() {
        DeciderSpec.given(Timer.DECIDER).when(new Fire(DEADLINE)).thenRefused(TimerRule.NO_TIMER);
    }

    @Test
    void fire_whenAlreadyFired_firesNoMore() {
        TimerFired fired = firedAt(DEADLINE, 0);

        assertThat(DeciderSpec.given(Timer.DECIDER, SCHEDULED, fired).state().due(DEADLINE.plusSeconds(60))).isFalse();
        DeciderSpec.given(Timer.DECIDER, SCHEDULED, fired).when(new Fire(DEADLINE.plusSeconds(60))).then();
    }

    @Test
    void cancel_whenPending_disarmsTheTimerForGood() {
        Instant revokedAt = at(Duration.ofMinutes(10));
        TimerCancelled cancelled = new TimerCancelled(GRANT, REQUEST, revokedAt, "REVOKED_EARLY");

        DeciderSpec.given(Timer.DECIDER, SCHEDULED).when(new Cancel(revokedAt, "REVOKED_EARLY")).then(cancelled);

        TimerState state = DeciderSpec.given(Timer.DECIDER, SCHEDULED, cancelled).state();
        assertThat(state.status()).isEqualTo(TimerStatus.CANCELLED);
        assertThat(state.cancelledAt()).isEqualTo(revokedAt);
        assertThat(state.cancelReason()).isEqualTo("REVOKED_EARLY");
        assertThat(state.due(DEADLINE.plusSeconds(60))).isFalse();
        DeciderSpec.given(Timer.DECIDER, SCHEDULED, cancelled).when(new Fire(DEADLINE.plusSeconds(60))).then();
    }

    @Test
    void cancel_withoutReason_isRecordedAsUnknown() {
        DeciderSpec.given(Timer.DECIDER, SCHEDULED).when(new Cancel(GRANTED_AT, null))
                .then(new TimerCancelled(GRANT, REQUEST, GRANTED_AT, "UNKNOWN"));
    }

    @Test
    void cancel_whenNeverScheduled_isRefused() {
        DeciderSpec.given(Timer.DECIDER).when(new Cancel(GRANTED_AT, "REVOKED_EARLY")).thenRefused(TimerRule.NO_TIMER);
    }

    @Test
    void cancel_whenAlreadyFired_keepsItFired() {
        TimerFired fired = firedAt(DEADLINE.plusMillis(40), 40);

        DeciderSpec.given(Timer.DECIDER, SCHEDULED, fired).when(new Cancel(DEADLINE.plusSeconds(1), "EXPIRED")).then();

        TimerState after = DeciderSpec.given(Timer.DECIDER, SCHEDULED, fired).state();
        assertThat(after.status()).isEqualTo(TimerStatus.FIRED);
        assertThat(after.latenessMillis()).isEqualTo(40);
    }

    @Test
    void cancel_whenAlreadyCancelled_keepsTheFirstCancellation() {
        TimerCancelled first = new TimerCancelled(GRANT, REQUEST, at(Duration.ofMinutes(5)), "REQUEST_CANCELLED");

        DeciderSpec.given(Timer.DECIDER, SCHEDULED, first).when(new Cancel(at(Duration.ofMinutes(6)), "REVOKED_EARLY"))
                .then();
        assertThat(DeciderSpec.given(Timer.DECIDER, SCHEDULED, first).state().cancelReason())
                .isEqualTo("REQUEST_CANCELLED");
    }

    @Test
    void fold_ofAFiringAlone_isAFiredTimer() { // timers fired before V2 have only their AccessExpired stored
        TimerState state = DeciderSpec.given(Timer.DECIDER, firedAt(DEADLINE.plusMillis(7), 7)).state();

        assertThat(state.status()).isEqualTo(TimerStatus.FIRED);
        assertThat(state.deadline()).isEqualTo(DEADLINE);
        assertThat(state.requestId()).isEqualTo(REQUEST);
    }
}
