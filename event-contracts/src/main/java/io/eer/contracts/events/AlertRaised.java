package io.eer.contracts.events;

import io.eer.contracts.events.Values.Severity;

/** {@code trigger}: the ledger index or event id that made the rule fire. */
public record AlertRaised(
        String alertId,
        String requestId,
        String rule,
        Severity severity,
        String trigger,
        String detail) implements DomainEvent {
}
