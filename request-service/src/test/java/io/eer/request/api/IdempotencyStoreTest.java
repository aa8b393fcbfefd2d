package io.eer.request.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.support.idempotency.Claim;
import io.eer.support.idempotency.IdempotencyKey;
import io.eer.support.idempotency.IdempotencyStore;
import io.eer.support.idempotency.StoredAnswer;
import io.eer.support.time.SettableClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared Idempotency-Key store (service-support io.eer.support.idempotency) on the real database. */
@QuarkusTest
class IdempotencyStoreTest {

    @Inject
    IdempotencyStore store;

    @Inject
    SettableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static <T> T tx(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static IdempotencyKey key(String caller, String operation) {
        return new IdempotencyKey(caller, operation, "k-" + UUID.randomUUID());
    }

    private static final StoredAnswer CREATED = new StoredAnswer(201, "application/json", "{\"id\":\"r-1\"}",
            "http://x/v1/requests/r-1", "r-1");

    @Test
    void claim_afterComplete_sameRequest_replaysTheFirstAnswer() {
        IdempotencyKey key = key("carol", "submit-request");
        assertThat(tx(() -> store.claim(key, "hash-a"))).isInstanceOf(Claim.Fresh.class);
        tx(() -> store.complete(key, CREATED));

        assertThat(tx(() -> store.claim(key, "hash-a"))).isEqualTo(new Claim.Replay(CREATED));
    }

    @Test
    void claim_afterComplete_differentRequest_isAConflictNamingTheFirstResource() {
        IdempotencyKey key = key("carol", "submit-request");
        tx(() -> store.claim(key, "hash-a"));
        tx(() -> store.complete(key, CREATED));

        assertThat(tx(() -> store.claim(key, "hash-b"))).isEqualTo(new Claim.Conflict("r-1"));
    }

    @Test
    void claim_isScopedPerCallerAndOperation() {
        IdempotencyKey carol = key("carol", "submit-request");
        tx(() -> store.claim(carol, "hash-a"));
        tx(() -> store.complete(carol, CREATED));

        IdempotencyKey dave = new IdempotencyKey("dave", "submit-request", carol.key());
        IdempotencyKey otherOperation = new IdempotencyKey("carol", "decide-approval", carol.key());
        assertThat(tx(() -> store.claim(dave, "hash-a"))).isInstanceOf(Claim.Fresh.class);
        assertThat(tx(() -> store.claim(otherOperation, "hash-a"))).isInstanceOf(Claim.Fresh.class);
    }

    @Test
    void claim_afterRelease_isFreshAgain() {
        IdempotencyKey key = key("carol", "submit-request");
        tx(() -> store.claim(key, "hash-a"));
        tx(() -> store.release(key));

        assertThat(tx(() -> store.claim(key, "hash-b"))).isInstanceOf(Claim.Fresh.class);
    }

    @Test
    void claim_afterTheTimeToLive_isFresh_andPurgeForgetsExpiredKeys() {
        IdempotencyKey key = key("carol", "submit-request");
        tx(() -> store.claim(key, "hash-a"));
        tx(() -> store.complete(key, CREATED));
        IdempotencyKey purged = key("erin", "submit-request");
        tx(() -> store.claim(purged, "hash-a"));
        tx(() -> store.complete(purged, CREATED));

        clock.advance(store.ttl().plus(Duration.ofMinutes(1)));

        assertThat(tx(() -> store.claim(key, "hash-b"))).isInstanceOf(Claim.Fresh.class);
        assertThat(tx(() -> store.purgeExpired())).isGreaterThanOrEqualTo(1);
        assertThat(Fixtures.count("select count(*) from idempotency_record where caller = ? and idem_key = ?",
                "erin", purged.key())).isZero();
        assertThat(Fixtures.count("select count(*) from idempotency_record where caller = ? and idem_key = ?",
                "carol", key.key())).isEqualTo(1);
    }
}
