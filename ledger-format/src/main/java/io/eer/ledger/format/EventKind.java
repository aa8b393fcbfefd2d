package io.eer.ledger.format;

import io.eer.contracts.EventTypes;
import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.AccessExtended;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.AlertRaised;
import io.eer.contracts.events.ApprovalEscalated;
import io.eer.contracts.events.ApprovalTimedOut;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.AttemptRefused;
import io.eer.contracts.events.Denied;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.GrantFailed;
import io.eer.contracts.events.OrphanLoginRemoved;
import io.eer.contracts.events.RequestCancelled;
import io.eer.contracts.events.RequestRejected;
import io.eer.contracts.events.ReviewCompleted;
import io.eer.contracts.events.ReviewOverdue;
import io.eer.contracts.events.ReviewScheduled;
import io.eer.contracts.events.RevocationFailed;
import io.eer.contracts.events.SessionActionLogged;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The kind of a ledger entry's CloudEvent, so readers switch on an enum instead of copying type strings. Each type
 * string comes from event-contracts' {@link EventTypes}; {@link #OTHER} is any type this build has no record for
 * (a newer producer, a benchmark event), which a tolerant reader skips.
 */
public enum EventKind {
    EMERGENCY_REQUESTED(EmergencyRequested.class),
    REQUEST_REJECTED(RequestRejected.class),
    REQUEST_CANCELLED(RequestCancelled.class),
    APPROVED(Approved.class),
    DENIED(Denied.class),
    APPROVAL_TIMED_OUT(ApprovalTimedOut.class),
    APPROVAL_ESCALATED(ApprovalEscalated.class),
    ATTEMPT_REFUSED(AttemptRefused.class),
    ACCESS_GRANTED(AccessGranted.class),
    GRANT_FAILED(GrantFailed.class),
    SESSION_ACTION_LOGGED(SessionActionLogged.class),
    ACCESS_REVOKED(AccessRevoked.class),
    REVOCATION_FAILED(RevocationFailed.class),
    ORPHAN_LOGIN_REMOVED(OrphanLoginRemoved.class),
    ACCESS_EXTENDED(AccessExtended.class),
    ACCESS_EXPIRED(AccessExpired.class),
    REVIEW_SCHEDULED(ReviewScheduled.class),
    REVIEW_COMPLETED(ReviewCompleted.class),
    REVIEW_OVERDUE(ReviewOverdue.class),
    ALERT_RAISED(AlertRaised.class),
    OTHER(null);

    private static final Map<String, EventKind> BY_TYPE = Arrays.stream(values()).filter(kind -> kind != OTHER)
            .collect(Collectors.toUnmodifiableMap(EventKind::type, Function.identity()));

    private final Class<? extends DomainEvent> eventClass;
    private final String type;

    EventKind(Class<? extends DomainEvent> eventClass) {
        this.eventClass = eventClass;
        this.type = eventClass == null ? null : EventTypes.typeOf(eventClass);
    }

    /** The CloudEvents type, {@code io.eer.<Event>.v1}; {@code null} for {@link #OTHER}. */
    public String type() {
        return type;
    }

    public Class<? extends DomainEvent> eventClass() {
        return eventClass;
    }

    /** The kind of {@code type}; {@link #OTHER} for null or a type without a record in event-contracts. */
    public static EventKind of(String type) {
        return type == null ? OTHER : BY_TYPE.getOrDefault(type, OTHER);
    }
}
