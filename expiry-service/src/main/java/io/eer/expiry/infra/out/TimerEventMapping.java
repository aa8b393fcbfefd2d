package io.eer.expiry.infra.out;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.EventTypes;
import io.eer.contracts.MalformedEventException;
import io.eer.contracts.Topics;
import io.eer.contracts.events.AccessExpired;
import io.eer.expiry.domain.GrantId;
import io.eer.expiry.domain.RequestId;
import io.eer.expiry.domain.TimerEvent;
import io.eer.expiry.domain.TimerEvent.TimerCancelled;
import io.eer.expiry.domain.TimerEvent.TimerExtended;
import io.eer.expiry.domain.TimerEvent.TimerFired;
import io.eer.expiry.domain.TimerEvent.TimerScheduled;
import io.eer.support.eventsourcing.EventMapping;
import io.eer.support.eventsourcing.StoredForm;
import io.eer.support.outbox.EventStore;
import java.time.Instant;
import java.util.Set;

/**
 * A timer's events as stored: {@code TimerScheduled}, {@code TimerExtended} and {@code TimerCancelled} are internal facts (nobody else
 * consumes them; the cancellation's public fact is grant-service's {@code AccessRevoked}), {@code TimerFired} is
 * published as {@code AccessExpired} on {@code eer.expiries}.
 */
public final class TimerEventMapping implements EventMapping<TimerEvent> {

    public static final TimerEventMapping INSTANCE = new TimerEventMapping();

    static final String SCHEDULED = "TimerScheduled";
    static final String CANCELLED = "TimerCancelled";
    static final String EXTENDED = "TimerExtended";

    /** The {@code domain_event.type}s that belong to timers (the rebuild skips anything else). */
    public static final Set<String> TYPES = Set.of(EventStore.INTERNAL + SCHEDULED, EventStore.INTERNAL + CANCELLED,
            EventStore.INTERNAL + EXTENDED, EventTypes.typeOf(AccessExpired.class));

    /** {@code traceparent}: the trace the grant arrived in; absent in rows stored before it was kept (V2_1). */
    record ScheduledBody(String grantId, String requestId, Instant deadline, Instant scheduledAt, String traceparent) {
    }

    record ExtendedBody(String grantId, String requestId, Instant previousDeadline, Instant deadline,
            Instant extendedAt) {
    }

    record CancelledBody(String grantId, String requestId, Instant cancelledAt, String reason) {
    }

    @Override
    public StoredForm toStored(TimerEvent event) {
        if (event instanceof TimerScheduled s) {
            return new StoredForm.Internal(SCHEDULED, new ScheduledBody(s.grantId().value(), s.requestId().value(),
                    s.deadline(), s.scheduledAt(), s.trace()));
        }
        if (event instanceof TimerCancelled c) {
            return new StoredForm.Internal(CANCELLED, new CancelledBody(c.grantId().value(), c.requestId().value(),
                    c.cancelledAt(), c.reason()));
        }
        if (event instanceof TimerExtended x) {
            return new StoredForm.Internal(EXTENDED, new ExtendedBody(x.grantId().value(), x.requestId().value(),
                    x.previousDeadline(), x.deadline(), x.extendedAt()));
        }
        TimerFired f = (TimerFired) event;
        return new StoredForm.Published(Topics.EXPIRIES, new AccessExpired(f.grantId().value(), f.requestId().value(),
                f.deadline(), f.firedAt(), f.latenessMillis()));
    }

    @Override
    public TimerEvent fromPublished(EventEnvelope envelope) {
        if (envelope.data() instanceof AccessExpired e) {
            return new TimerFired(new GrantId(e.grantId()), new RequestId(e.requestId()), e.deadline(), e.firedAt(),
                    e.latenessMillis());
        }
        throw new MalformedEventException("a timer's history holds " + envelope.type() + ", not AccessExpired", null);
    }

    @Override
    public TimerEvent fromInternal(String name, JsonNode body) {
        try {
            if (SCHEDULED.equals(name)) {
                ScheduledBody s = EventCodec.mapper().treeToValue(body, ScheduledBody.class);
                return new TimerScheduled(new GrantId(s.grantId()), new RequestId(s.requestId()), s.deadline(),
                        s.scheduledAt(), s.traceparent());
            }
            if (EXTENDED.equals(name)) {
                ExtendedBody x = EventCodec.mapper().treeToValue(body, ExtendedBody.class);
                return new TimerExtended(new GrantId(x.grantId()), new RequestId(x.requestId()), x.previousDeadline(),
                        x.deadline(), x.extendedAt());
            }
            if (CANCELLED.equals(name)) {
                CancelledBody c = EventCodec.mapper().treeToValue(body, CancelledBody.class);
                return new TimerCancelled(new GrantId(c.grantId()), new RequestId(c.requestId()), c.cancelledAt(),
                        c.reason());
            }
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("stored " + name + " does not bind", e);
        }
        throw new MalformedEventException("a timer's history holds internal:" + name, null);
    }
}
