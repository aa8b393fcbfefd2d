package io.eer.support.idempotency;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Idempotency-Key bookkeeping in table {@code idempotency_record} (migration {@code db/support/V0_3}), in the
 * caller's transaction:
 *
 * <ol>
 *   <li>{@link #claim} inserts a placeholder for (caller, operation, key) with the request's hash. A concurrent
 *       request with the same key waits on that row until the first transaction ends, then sees its answer (or, if
 *       the first released the key, claims it itself).</li>
 *   <li>The first request then {@link #complete}s the row with its answer, or {@link #release}s it when that answer
 *       must not be replayed (e.g. a step-up challenge after which the same request is sent again).</li>
 * </ol>
 *
 * A retry with the same key and the same request hash is a {@link Claim.Replay}; with a different hash a
 * {@link Claim.Conflict}. Records older than {@code eer.idempotency.ttl} are forgotten ({@link #purgeExpired}, which
 * the service schedules). The request hash is the caller's choice: SHA-256 of the canonical JSON body is usual.
 */
@ApplicationScoped
public class IdempotencyStore {

    private final IdempotencySettings settings;
    private final Clock clock;

    IdempotencyStore(IdempotencySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public Uni<Claim> claim(IdempotencyKey key, String requestHash) {
        Instant now = clock.instant();
        Instant expired = now.minus(settings.ttl());
        return Panache.getSession().chain(session -> session
                .createNativeQuery("""
                        delete from idempotency_record
                        where caller = ?1 and operation = ?2 and idem_key = ?3 and created_at < ?4""")
                .setParameter(1, key.caller()).setParameter(2, key.operation()).setParameter(3, key.key())
                .setParameter(4, expired)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("""
                                insert into idempotency_record (caller, operation, idem_key, request_hash, status,
                                                                created_at)
                                values (?1, ?2, ?3, ?4, 0, ?5) on conflict (caller, operation, idem_key) do nothing""")
                        .setParameter(1, key.caller()).setParameter(2, key.operation()).setParameter(3, key.key())
                        .setParameter(4, requestHash).setParameter(5, now)
                        .executeUpdate())
                .chain(inserted -> inserted == 1
                        ? Uni.createFrom().item((Claim) new Claim.Fresh())
                        : session.createNativeQuery("""
                                        select request_hash, status, content_type, response_body, location, resource_id
                                        from idempotency_record
                                        where caller = ?1 and operation = ?2 and idem_key = ?3""", Object[].class)
                                .setParameter(1, key.caller()).setParameter(2, key.operation())
                                .setParameter(3, key.key())
                                .getSingleResult()
                                .map(row -> requestHash.equals(row[0])
                                        ? new Claim.Replay(new StoredAnswer(((Number) row[1]).intValue(),
                                                (String) row[2], (String) row[3], (String) row[4], (String) row[5]))
                                        : new Claim.Conflict((String) row[5]))));
    }

    /** Stores the first answer under a key this transaction {@link #claim}ed. */
    public Uni<Void> complete(IdempotencyKey key, StoredAnswer answer) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        update idempotency_record set status = ?4, content_type = ?5, response_body = ?6,
                               location = ?7, resource_id = ?8
                        where caller = ?1 and operation = ?2 and idem_key = ?3""")
                .setParameter(1, key.caller()).setParameter(2, key.operation()).setParameter(3, key.key())
                .setParameter(4, answer.status()).setParameter(5, answer.contentType())
                .setParameter(6, answer.body()).setParameter(7, answer.location())
                .setParameter(8, answer.resourceId())
                .executeUpdate()).replaceWithVoid();
    }

    /** Gives a claimed key back: the next request with it is decided afresh. */
    public Uni<Void> release(IdempotencyKey key) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "delete from idempotency_record where caller = ?1 and operation = ?2 and idem_key = ?3")
                .setParameter(1, key.caller()).setParameter(2, key.operation()).setParameter(3, key.key())
                .executeUpdate()).replaceWithVoid();
    }

    /** Forgets every record older than the configured time to live; answers how many. Call in a transaction. */
    public Uni<Integer> purgeExpired() {
        Instant expired = clock.instant().minus(settings.ttl());
        return Panache.getSession().chain(session -> session
                .createNativeQuery("delete from idempotency_record where created_at < ?1")
                .setParameter(1, expired)
                .executeUpdate());
    }

    public Duration ttl() {
        return settings.ttl();
    }
}
