package io.eer.expiry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.AccessGranted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
    private static final Instant GRANTED_AT = CLOCK.instant();
    private static final Instant DEADLINE = GRANTED_AT.plus(Duration.ofMinutes(30));

    private static AccessGranted granted(Instant expiresAt) {
        return new AccessGranted("grant-1", "request-1", "carol", "payments-db", "db_admin", "postgres",
                "eer_carol_1", GRANTED_AT, expiresAt);
    }

    private static Instant at(Duration sinceGrant) {
        return Clock.offset(CLOCK, sinceGrant).instant();
    }

    @Test
    void schedule_fromAccessGranted_isPendingUntilExpiresAt() {
        Timer timer = Timer.schedule(granted(DEADLINE));

        assertThat(timer.grantId()).isEqualTo("grant-1");
        assertThat(timer.requestId()).isEqualTo("request-1");
        assertThat(timer.deadline()).isEqualTo(DEADLINE);
        assertThat(timer.status()).isEqualTo(TimerStatus.PENDING);
        assertThat(timer.firedAt()).isNull();
        assertThat(timer.latenessMillis()).isNull();
    }

    @Test
    void schedule_whenExpiresAtMissing_isRefused() {
        assertThatThrownBy(() -> Timer.schedule(granted(null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expiresAt");
        assertThatThrownBy(() -> Timer.schedule(new AccessGranted(null, "request-1", "carol", "payments-db",
                "db_admin", "postgres", "eer_carol_1", GRANTED_AT, DEADLINE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grantId");
    }

    @Test
    void due_onlyFromTheDeadlineOn() {
        Timer timer = Timer.schedule(granted(DEADLINE));

        assertThat(timer.due(at(Duration.ofMinutes(29)))).isFalse();
        assertThat(timer.due(DEADLINE.minusNanos(1000))).isFalse();
        assertThat(timer.due(DEADLINE)).isTrue();
        assertThat(timer.due(DEADLINE.plusSeconds(3600))).isTrue();
    }

    @Test
    void fire_atDeadline_emitsAccessExpiredWithZeroLateness() {
        Timer.Fired fired = Timer.schedule(granted(DEADLINE)).fire(at(Duration.ofMinutes(30)));

        assertThat(fired.event()).isEqualTo(new AccessExpired("grant-1", "request-1", DEADLINE, DEADLINE, 0));
        assertThat(fired.timer().status()).isEqualTo(TimerStatus.FIRED);
        assertThat(fired.timer().firedAt()).isEqualTo(DEADLINE);
        assertThat(fired.timer().latenessMillis()).isZero();
    }

    @Test
    void fire_afterDowntime_carriesTheLateness() {
        Instant now = at(Duration.ofMinutes(30).plusSeconds(95).plusMillis(250));

        Timer.Fired fired = Timer.schedule(granted(DEADLINE)).fire(now);

        assertThat(fired.event()).isEqualTo(new AccessExpired("grant-1", "request-1", DEADLINE, now, 95_250));
        assertThat(fired.timer().latenessMillis()).isEqualTo(95_250);
    }

    @Test
    void fire_beforeDeadline_isRefused() {
        Timer timer = Timer.schedule(granted(DEADLINE));

        assertThatThrownBy(() -> timer.fire(at(Duration.ofMinutes(29))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not due");
    }

    @Test
    void fire_whenAlreadyFired_isRefused() {
        Timer fired = Timer.schedule(granted(DEADLINE)).fire(DEADLINE).timer();

        assertThat(fired.due(DEADLINE.plusSeconds(60))).isFalse();
        assertThatThrownBy(() -> fired.fire(DEADLINE.plusSeconds(60)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("FIRED");
    }

    @Test
    void cancel_whenPending_disarmsTheTimerForGood() {
        Instant revokedAt = at(Duration.ofMinutes(10));

        Timer cancelled = Timer.schedule(granted(DEADLINE)).cancel(revokedAt, "REVOKED_EARLY");

        assertThat(cancelled.status()).isEqualTo(TimerStatus.CANCELLED);
        assertThat(cancelled.cancelledAt()).isEqualTo(revokedAt);
        assertThat(cancelled.cancelReason()).isEqualTo("REVOKED_EARLY");
        assertThat(cancelled.due(DEADLINE.plusSeconds(60))).isFalse();
        assertThatThrownBy(() -> cancelled.fire(DEADLINE.plusSeconds(60))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cancel_whenAlreadyFired_keepsItFired() {
        Timer fired = Timer.schedule(granted(DEADLINE)).fire(DEADLINE.plusMillis(40)).timer();

        Timer after = fired.cancel(DEADLINE.plusSeconds(1), "EXPIRED");

        assertThat(after).isEqualTo(fired);
        assertThat(after.status()).isEqualTo(TimerStatus.FIRED);
        assertThat(after.latenessMillis()).isEqualTo(40);
    }

    @Test
    void cancel_whenAlreadyCancelled_keepsTheFirstCancellation() {
        Timer cancelled = Timer.schedule(granted(DEADLINE)).cancel(at(Duration.ofMinutes(5)), "REQUEST_CANCELLED");

        assertThat(cancelled.cancel(at(Duration.ofMinutes(6)), "REVOKED_EARLY")).isEqualTo(cancelled);
    }
}
