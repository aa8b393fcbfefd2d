package io.eer.audit.ledger.application;

import io.smallrye.mutiny.Uni;

/**
 * Told when a record the ledger could not hold went to the dead-letter topic, inside a transaction the ledger opens
 * (insight raises the {@code ledger-dead-letter} alert). The ledger defines it so it never depends on insight; a
 * ledger deployed alone has no implementation and only logs the dead letter.
 */
public interface DeadLetterAlarm {

    /** {@code requestId}: the record's key or "unknown"; {@code coordinates}: topic/partition@offset. */
    Uni<Void> deadLettered(String requestId, String coordinates, String why);
}
