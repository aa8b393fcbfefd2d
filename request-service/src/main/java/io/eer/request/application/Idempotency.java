package io.eer.request.application;

import io.eer.request.infra.RequestSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency-Key bookkeeping for {@code POST /v1/requests}, in the caller's transaction. {@link #claim} inserts a
 * placeholder for (caller, key): a concurrent request with the same key waits on the row until the first commits,
 * then sees its answer. The first request then {@link #complete}s the row with its answer, or {@link #release}s it
 * when its answer must not be replayed.
 */
@ApplicationScoped
public class Idempotency {

    /** A stored first answer. */
    public record Stored(String bodySha256, int status, String contentType, String body, String location,
            String requestId) {
    }

    private final RequestSettings settings;
    private final Clock clock;

    Idempotency(RequestSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Empty when the key is new (or expired) and is now held by this transaction; else the first answer. */
    public Uni<Optional<Stored>> claim(String caller, String key, String bodySha256) {
        Instant now = clock.instant();
        Instant expired = now.minus(settings.idempotencyTtl());
        return Panache.getSession().chain(session -> session
                .createNativeQuery("delete from idempotency_key where caller = ?1 and idem_key = ?2 and created_at < ?3")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, expired)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("""
                                insert into idempotency_key (caller, idem_key, body_sha256, status, created_at)
                                values (?1, ?2, ?3, 0, ?4) on conflict (caller, idem_key) do nothing""")
                        .setParameter(1, caller).setParameter(2, key).setParameter(3, bodySha256)
                        .setParameter(4, now)
                        .executeUpdate())
                .chain(inserted -> inserted == 1
                        ? Uni.createFrom().item(Optional.<Stored>empty())
                        : session.createNativeQuery("""
                                        select body_sha256, status, content_type, response_body, location, request_id
                                        from idempotency_key where caller = ?1 and idem_key = ?2""", Object[].class)
                                .setParameter(1, caller).setParameter(2, key)
                                .getSingleResult()
                                .map(row -> Optional.of(new Stored((String) row[0], ((Number) row[1]).intValue(),
                                        (String) row[2], (String) row[3], (String) row[4], (String) row[5])))));
    }

    public Uni<Void> complete(String caller, String key, int status, String contentType, String body, String location,
            String requestId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        update idempotency_key set status = ?3, content_type = ?4, response_body = ?5, location = ?6,
                               request_id = ?7
                        where caller = ?1 and idem_key = ?2""")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, status).setParameter(4, contentType)
                .setParameter(5, body).setParameter(6, location).setParameter(7, requestId)
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> release(String caller, String key) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("delete from idempotency_key where caller = ?1 and idem_key = ?2")
                .setParameter(1, caller).setParameter(2, key)
                .executeUpdate()).replaceWithVoid();
    }

    /** Forgets expired keys of every caller. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        Instant expired = clock.instant().minus(settings.idempotencyTtl());
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("delete from idempotency_key where created_at < ?1")
                .setParameter(1, expired)
                .executeUpdate())).replaceWithVoid();
    }
}
