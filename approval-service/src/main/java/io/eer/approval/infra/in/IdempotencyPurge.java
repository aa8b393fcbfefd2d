package io.eer.approval.infra.in;

import io.eer.support.idempotency.IdempotencyStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Forgets decision Idempotency-Keys older than {@code eer.idempotency.ttl} (service-support's store), hourly. */
@ApplicationScoped
public class IdempotencyPurge {

    private final IdempotencyStore store;

    IdempotencyPurge(IdempotencyStore store) {
        this.store = store;
    }

    @Scheduled(identity = "approval-idempotency-purge", every = "1h", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        return Panache.withTransaction(store::purgeExpired).replaceWithVoid();
    }
}
