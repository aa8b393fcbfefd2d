package io.eer.contracts.events;

/**
 * Every fact EER records. Each event belongs to one request (the Kafka key and the CloudEvent subject).
 * Events only gain optional fields; a breaking change is a new {@code .v2} type.
 */
public sealed interface DomainEvent
        permits EmergencyRequested, RequestRejected, RequestCancelled,
                Approved, Denied, ApprovalTimedOut, ApprovalEscalated,
                AttemptRefused,
                AccessGranted, GrantFailed, SessionActionLogged, AccessRevoked, OrphanLoginRemoved, RevocationFailed,
                AccessExtended,
                AccessExpired,
                ReviewScheduled, ReviewCompleted, ReviewOverdue,
                AlertRaised {

    String requestId();
}
