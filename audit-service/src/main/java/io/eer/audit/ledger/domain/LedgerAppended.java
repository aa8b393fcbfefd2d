package io.eer.audit.ledger.domain;

/**
 * Fired (CDI, synchronously) by the ledger after an append transaction has committed: entries
 * {@code firstIndex <= index < firstIndex + count} are now readable. Followers (insight's SSE stream) read the entries
 * themselves through the ledger's read interface; the event only says "read again".
 */
public record LedgerAppended(long firstIndex, int count) {
}
