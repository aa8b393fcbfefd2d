package io.eer.expiry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.expiry.domain.TimerCommand.Extend;
import io.eer.expiry.domain.TimerCommand.Fire;
import io.eer.expiry.domain.TimerEvent.TimerCancelled;
import io.eer.expiry.domain.TimerEvent.TimerExtended;
import io.eer.expiry.domain.TimerEvent.TimerFired;
import io.eer.expiry.domain.TimerEvent.TimerScheduled;
import io.eer.support.testing.DeciderSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code AccessExtended} re-arms the timer: the deadline moves later, the timer still fires once, at the new one. */
class TimerExtendTest {

    private static final Instant GRANTED_AT = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant DEADLINE = GRANTED_AT.plus(Duration.ofMinutes(30));
    private static final Instant LATER = GRANTED_AT.plus(Duration.ofMinutes(50));
    private static final GrantId GRANT = new GrantId("grant-1");
    private static final RequestId REQUEST = new RequestId("request-1");
    private static final TimerScheduled SCHEDULED = new TimerScheduled(GRANT, REQUEST, DEADLINE, GRANTED_AT);
    private static final Instant NOTED = GRANTED_AT.plusSeconds(60);
    private static final TimerExtended EXTENDED = new TimerExtended(GRANT, REQUEST, DEADLINE, LATER, NOTED);

    @Test
    void extend_whenPending_movesTheDeadline() {
        DeciderSpec.given(Timer.DECIDER, SCHEDULED).when(new Extend(LATER, NOTED)).then(EXTENDED);
        TimerState timer = DeciderSpec.given(Timer.DECIDER, SCHEDULED, EXTENDED).state();
        assertThat(timer.deadline()).isEqualTo(LATER);
        assertThat(timer.status()).isEqualTo(TimerStatus.PENDING);
        assertThat(timer.scheduledAt()).isEqualTo(GRANTED_AT);
    }

    @Test
    void fire_atTheOldDeadline_afterAnExtension_isNotDue() {
        DeciderSpec.given(Timer.DECIDER, SCHEDULED, EXTENDED).when(new Fire(DEADLINE)).thenRefused(TimerRule.NOT_DUE);
        DeciderSpec.given(Timer.DECIDER, SCHEDULED, EXTENDED).when(new Fire(LATER.plusMillis(7)))
                .then(new TimerFired(GRANT, REQUEST, LATER, LATER.plusMillis(7), 7));
    }

    @Test
    void extend_toTheSameOrAnEarlierDeadline_changesNothing() {
        DeciderSpec.given(Timer.DECIDER, SCHEDULED, EXTENDED).when(new Extend(LATER, NOTED)).then(); // a replay
        DeciderSpec.given(Timer.DECIDER, SCHEDULED).when(new Extend(DEADLINE.minusSeconds(1), NOTED)).then();
    }

    @Test
    void extend_whenFiredOrCancelled_changesNothing_soItFiresOnce() {
        DeciderSpec.given(Timer.DECIDER, SCHEDULED, new TimerFired(GRANT, REQUEST, DEADLINE, DEADLINE, 0))
                .when(new Extend(LATER, NOTED)).then();
        DeciderSpec.given(Timer.DECIDER, SCHEDULED, new TimerCancelled(GRANT, REQUEST, NOTED, "REVOKED_EARLY"))
                .when(new Extend(LATER, NOTED)).then();
    }

    @Test
    void extend_withoutTimer_isRefused() {
        DeciderSpec.given(Timer.DECIDER).when(new Extend(LATER, NOTED)).thenRefused(TimerRule.NO_TIMER);
    }
}
