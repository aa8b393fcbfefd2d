package io.eer.audit.insight.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells followers of the ledger (the SSE stream) that an append has committed, so they read the database again at
 * once instead of at their next poll. A signal carries no data: followers always read committed entries by index,
 * so a missed or early signal can delay an entry but never lose one.
 */
@ApplicationScoped
public class LedgerSignal {

    private final AtomicReference<CompletableFuture<Void>> next = new AtomicReference<>(new CompletableFuture<>());

    /** Completes when the next append commits. Take it before reading, so an append in between is not missed. */
    public CompletionStage<Void> next() {
        // a dependent stage per caller: a waiter that gives up (and cancels) never cancels everyone else's signal
        return next.get().thenApply(ignored -> null);
    }

    /** Called after an append transaction has committed. */
    public void appended() {
        next.getAndSet(new CompletableFuture<>()).complete(null);
    }
}
