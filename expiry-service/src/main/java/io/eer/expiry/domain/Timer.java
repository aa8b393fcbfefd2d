package io.eer.expiry.domain;

import io.eer.expiry.domain.TimerCommand.Cancel;
import io.eer.expiry.domain.TimerCommand.Extend;
import io.eer.expiry.domain.TimerCommand.Fire;
import io.eer.expiry.domain.TimerCommand.Schedule;
import io.eer.expiry.domain.TimerEvent.TimerCancelled;
import io.eer.expiry.domain.TimerEvent.TimerExtended;
import io.eer.expiry.domain.TimerEvent.TimerFired;
import io.eer.expiry.domain.TimerEvent.TimerScheduled;
import io.eer.support.decider.Decider;
import io.eer.support.decider.Decision;
import java.time.Duration;

/**
 * The durable timer of one grant (aggregate id = grant id), where {@code AccessExpired} is decided: armed by
 * {@code AccessGranted} with the grant's {@code expiresAt} as deadline, fired once at (or, after downtime, as soon as
 * possible after) the deadline, or cancelled when the access was revoked first. A timer leaves
 * {@link TimerStatus#PENDING} exactly once and never comes back.
 *
 * <ul>
 *   <li>Schedule: a second schedule (a replayed {@code AccessGranted}) keeps the first deadline and changes nothing.</li>
 *   <li>Cancel: only a pending timer; a fired or cancelled one stays as it is (an {@code AccessRevoked(EXPIRED)} that
 *       follows our own {@code AccessExpired} is the normal end of a grant).</li>
 *   <li>Extend: a pending timer's deadline moves later ({@code AccessExtended}); an equal or earlier one (a replay)
 *       changes nothing, and so does extending a fired or cancelled timer: a timer still fires at most once. A
 *       timer that fired at the old deadline just before the extension arrived stays fired; grant-service ignores
 *       an {@code AccessExpired} older than the grant's deadline and its sweeper ends the grant at the new one.</li>
 *   <li>Fire: only a pending, due timer; lateness = now - deadline in whole milliseconds. Firing a fired or
 *       cancelled timer changes nothing (two pollers racing), firing too early is refused.</li>
 * </ul>
 */
public final class Timer implements Decider<TimerState, TimerCommand, TimerEvent> {

    public static final Timer DECIDER = new Timer();

    @Override
    public TimerState initialState() {
        return TimerState.NONE;
    }

    @Override
    public Decision<TimerEvent> decide(TimerState state, TimerCommand command) {
        if (command instanceof Schedule schedule) {
            return state.exists() ? Decision.nothing()
                    : Decision.accept(new TimerScheduled(schedule.grantId(), schedule.requestId(), schedule.deadline(),
                            schedule.at(), schedule.trace()));
        }
        if (!state.exists()) {
            return Decision.refuse(TimerRule.NO_TIMER, "no timer was scheduled for this grant");
        }
        if (state.status() != TimerStatus.PENDING) {
            return Decision.nothing();
        }
        if (command instanceof Cancel cancel) {
            return Decision.accept(new TimerCancelled(state.grantId(), state.requestId(), cancel.at(),
                    cancel.reason() == null ? "UNKNOWN" : cancel.reason()));
        }
        if (command instanceof Extend extend) {
            return extend.deadline().isAfter(state.deadline())
                    ? Decision.accept(new TimerExtended(state.grantId(), state.requestId(), state.deadline(),
                            extend.deadline(), extend.at()))
                    : Decision.nothing();
        }
        Fire fire = (Fire) command;
        if (!state.due(fire.now())) {
            return Decision.refuse(TimerRule.NOT_DUE, "the deadline " + state.deadline() + " has not come at "
                    + fire.now());
        }
        long lateness = Duration.between(state.deadline(), fire.now()).toMillis();
        return Decision.accept(new TimerFired(state.grantId(), state.requestId(), state.deadline(), fire.now(),
                lateness));
    }

    @Override
    public TimerState evolve(TimerState state, TimerEvent event) {
        if (event instanceof TimerScheduled s) {
            return new TimerState(s.grantId(), s.requestId(), s.deadline(), s.scheduledAt(), null, null, null, null);
        }
        if (event instanceof TimerCancelled c) {
            return new TimerState(c.grantId(), c.requestId(), state.deadline(), state.scheduledAt(), null, null,
                    c.cancelledAt(), c.reason());
        }
        if (event instanceof TimerExtended x) {
            return new TimerState(x.grantId(), x.requestId(), x.deadline(), state.scheduledAt(), null, null, null,
                    null);
        }
        TimerFired f = (TimerFired) event;
        // a timer fired before this service stored TimerScheduled (rows from before V2) is rebuilt from its firing
        return new TimerState(f.grantId(), f.requestId(), f.deadline(), state.scheduledAt(), f.firedAt(),
                f.latenessMillis(), null, null);
    }
}
