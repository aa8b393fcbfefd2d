package io.eer.support.idempotency;

import io.eer.support.persistence.Sql;
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
        return Sql.update("""
                        delete from idempotency_record
                        where caller = $1 and operation = $2 and idem_key = $3 and created_at < $4""",
                        key.caller(), key.operation(), key.key(), expired)
                .chain(() -> Sql.update("""
                        insert into idempotency_record (caller, operation, idem_key, request_hash, status, created_at)
                        values ($1, $2, $3, $4, 0, $5) on conflict (caller, operation, idem_key) do nothing""",
                        key.caller(), key.operation(), key.key(), requestHash, now))
                .chain(inserted -> inserted == 1
                        ? Uni.createFrom().item((Claim) new Claim.Fresh())
                        : Sql.row("""
                                select request_hash, status, content_type, response_body, location, resource_id
                                from idempotency_record
                                where caller = $1 and operation = $2 and idem_key = $3""",
                                key.caller(), key.operation(), key.key())
                                .map(found -> {
                                    Object[] row = found.orElseThrow();
                                    return requestHash.equals(row[0])
                                            ? new Claim.Replay(new StoredAnswer(((Number) row[1]).intValue(),
                                                    (String) row[2], (String) row[3], (String) row[4],
                                                    (String) row[5]))
                                            : new Claim.Conflict((String) row[5]);
                                }));
    }

    /** Stores the first answer under a key this transaction {@link #claim}ed. */
    public Uni<Void> complete(IdempotencyKey key, StoredAnswer answer) {
        return Sql.update("""
                        update idempotency_record set status = $4, content_type = $5, response_body = $6,
                               location = $7, resource_id = $8
                        where caller = $1 and operation = $2 and idem_key = $3""",
                key.caller(), key.operation(), key.key(), answer.status(), answer.contentType(), answer.body(),
                answer.location(), answer.resourceId()).replaceWithVoid();
    }

    /** Gives a claimed key back: the next request with it is decided afresh. */
    public Uni<Void> release(IdempotencyKey key) {
        return Sql.update("delete from idempotency_record where caller = $1 and operation = $2 and idem_key = $3",
                key.caller(), key.operation(), key.key()).replaceWithVoid();
    }

    /** Forgets every record older than the configured time to live; answers how many. Call in a transaction. */
    public Uni<Integer> purgeExpired() {
        Instant expired = clock.instant().minus(settings.ttl());
        return Sql.update("delete from idempotency_record where created_at < $1", expired);
    }

    public Duration ttl() {
        return settings.ttl();
    }
}
