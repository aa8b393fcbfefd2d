package io.eer.expiry.domain;

import java.time.Instant;
import java.util.Objects;

/** What can be asked of a grant's timer. */
public sealed interface TimerCommand {

    /**
     * Arm the timer: the grant's access ends at {@code deadline}. {@code at}: when this service learnt of it.
     * {@code trace}: the trace context the grant arrived in (a W3C traceparent, opaque here; null when none), kept so
     * that the firing continues the grant's trace.
     */
    record Schedule(GrantId grantId, RequestId requestId, Instant deadline, Instant at, String trace)
            implements TimerCommand {
        public Schedule {
            Objects.requireNonNull(grantId, "grantId");
            Objects.requireNonNull(requestId, "requestId");
            if (deadline == null) {
                throw new IllegalArgumentException("grant " + grantId + " has no expiresAt");
            }
            Objects.requireNonNull(at, "at");
        }

        /** Without a trace. */
        public Schedule(GrantId grantId, RequestId requestId, Instant deadline, Instant at) {
            this(grantId, requestId, deadline, at, null);
        }
    }

    /** Disarm it: the access was revoked ({@code reason}, may be null) before the deadline. */
    record Cancel(Instant at, String reason) implements TimerCommand {
        public Cancel {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Move the deadline to {@code deadline} (the grant was extended, {@code AccessExtended}); {@code at}: when this
     * service learnt of it. Only a pending timer moves, and only later.
     */
    record Extend(Instant deadline, Instant at) implements TimerCommand {
        public Extend {
            if (deadline == null) {
                throw new IllegalArgumentException("an extension without expiresAt");
            }
            Objects.requireNonNull(at, "at");
        }
    }

    /** Fire it at {@code now}, if its deadline has come. */
    record Fire(Instant now) implements TimerCommand {
        public Fire {
            Objects.requireNonNull(now, "now");
        }
    }
}
