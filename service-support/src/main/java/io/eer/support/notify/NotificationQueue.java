package io.eer.support.notify;

import io.eer.support.poll.DueWork;
import io.eer.support.webhook.WebhookSender;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The one webhook notification queue (approval-service's approvers and requesters, review-service's reviewers): a
 * notification is {@link #enqueue queued} in the transaction that decided it, so it exists exactly when its cause
 * committed; {@link #delivery} is the {@link DueWork} that posts it on service-support's due-work poller. The poller
 * claims due rows ({@code FOR UPDATE SKIP LOCKED}) and {@link #lease leases} each in that short claiming transaction
 * (one attempt counted, {@code next_attempt_at} moved past the longest a post can take, so the row is no longer due
 * when the claim commits and two instances never post the same one at once); once that committed, each is posted
 * with NO transaction open ({@link WebhookSender}: signed, timed out, quick retries) and its outcome
 * {@link #record recorded} in a transaction of its own: delivered on a 2xx, else retried with doubling back-off until
 * {@code maxAttempts}, then kept as failed with its last error (never silently dropped). A crash after a post and
 * before its record leaves it to be posted again when the lease ends: at-least-once.
 *
 * <p>Each service keeps its own table (its own Flyway migration), of this shape: {@code id bigint} identity,
 * {@code <subject> text} (what the notification is about: a request id, a review id), {@code kind}, {@code payload}
 * (the exact body), {@code attempts}, {@code next_attempt_at}, {@code delivered_at}, {@code failed_at},
 * {@code last_error}, {@code created_at}; and what it posts (the payload).
 */
public final class NotificationQueue {

    private static final Logger LOG = Logger.getLogger(NotificationQueue.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String DUE = "delivered_at is null and failed_at is null and next_attempt_at <= ?1";
    /** Rows leased per claim; they are posted one after the other after the commit. */
    static final int BATCH = 20;

    /** The service's table and the name of its subject column (pasted into SQL: identifiers from code only). */
    public record Table(String name, String subject) {
        public Table {
            if (name == null || !IDENTIFIER.matcher(name).matches() || subject == null
                    || !IDENTIFIER.matcher(subject).matches()) {
                throw new IllegalArgumentException("a notification table and its subject column are SQL identifiers");
            }
        }
    }

    /** Between deliveries: {@code backoff} doubling per attempt up to {@code maxBackoff}; given up after {@code maxAttempts}. */
    public record Retry(Duration backoff, Duration maxBackoff, int maxAttempts) {
        public Retry {
            Objects.requireNonNull(backoff, "backoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            if (backoff.isNegative() || maxBackoff.compareTo(backoff) < 0 || maxAttempts < 1) {
                throw new IllegalArgumentException("retry: backoff >= 0, maxBackoff >= backoff, maxAttempts >= 1");
            }
        }

        /** The delay after the {@code attempts}-th failed delivery. */
        Duration after(int attempts) {
            Duration delay = backoff;
            for (int i = 1; i < attempts && delay.compareTo(maxBackoff) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
        }
    }

    private final Table table;
    private final Retry retry;
    private final Clock clock;

    public NotificationQueue(Table table, Retry retry, Clock clock) {
        this.table = Objects.requireNonNull(table, "table");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Queues one notification, due now, in the caller's transaction. */
    public Uni<Void> enqueue(String subject, String kind, String payload) {
        Instant now = now();
        return Panache.getSession().chain(session -> session.createNativeQuery("insert into " + table.name() + " ("
                        + table.subject() + ", kind, payload, attempts, next_attempt_at, created_at)"
                        + " values (?1, ?2, ?3, 0, ?4, ?5)")
                .setParameter(1, subject)
                .setParameter(2, kind)
                .setParameter(3, payload)
                .setParameter(4, now)
                .setParameter(5, now)
                .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * What the service's poller runs (job {@code name}, every {@code interval}), posting with {@code sender}. The lease
     * outlasts the longest a post can take, so no other instance claims the row meanwhile.
     */
    public DueWork delivery(String name, Duration interval, WebhookSender sender) {
        Duration lease = sender.worstCase().plusSeconds(5);
        return new DueWork(name, table.name(), "id", DUE, "id", interval, BATCH, key -> lease(key, lease),
                key -> post(sender, key));
    }

    /** Counts an attempt and leases the claimed row for {@code lease}; in the claiming transaction. */
    Uni<Void> lease(String key, Duration lease) {
        Instant until = now().plus(lease);
        return Panache.getSession().chain(session -> session.createNativeQuery("update " + table.name()
                        + " set attempts = attempts + 1, next_attempt_at = ?1 where id = ?2")
                .setParameter(1, until)
                .setParameter(2, Long.valueOf(key))
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Posts one leased notification and records the outcome; after the claim committed, no transaction open. */
    Uni<Void> post(WebhookSender sender, String key) {
        long id = Long.parseLong(key);
        Context context = Vertx.currentContext();
        return leased(id).chain(payload -> payload == null ? Uni.createFrom().voidItem()
                : sender.post(payload.getBytes(StandardCharsets.UTF_8))
                        // the HTTP client may complete elsewhere; the reactive session belongs to this context
                        .emitOn(task -> {
                            if (context == null) {
                                task.run();
                            } else {
                                context.runOnContext(ignored -> task.run());
                            }
                        })
                        .chain(result -> record(id,
                                result instanceof WebhookSender.Result.Failed failed ? failed.error() : null)));
    }

    /** The body of the leased row if it is still to be posted (null when delivered or given up meanwhile). */
    Uni<String> leased(long id) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select payload from " + table.name() + " where id = ?1 and delivered_at is null"
                                + " and failed_at is null", String.class)
                .setParameter(1, id)
                .getResultList()))
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** Records the outcome of one post ({@code error} null: delivered), in a transaction of its own. */
    Uni<Void> record(long id, String error) {
        Instant now = now();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.<Object[]>createNativeQuery(
                        "select attempts, " + table.subject() + " from " + table.name() + " where id = ?1 for update")
                .setParameter(1, id)
                .getResultList()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    int attempts = ((Number) rows.get(0)[0]).intValue();
                    Object subject = rows.get(0)[1];
                    if (error == null) {
                        return update(session, "delivered_at = ?1, last_error = null", now, id);
                    }
                    if (attempts >= retry.maxAttempts()) {
                        LOG.errorf("%s %d (%s) given up after %d attempts: %s", table.name(), id, subject, attempts,
                                error);
                        return update(session, "failed_at = ?1, last_error = ?3", now, id, error);
                    }
                    LOG.warnf("%s %d (%s) failed (attempt %d): %s; retrying", table.name(), id, subject, attempts,
                            error);
                    return update(session, "next_attempt_at = ?1, last_error = ?3", now.plus(retry.after(attempts)),
                            id, error);
                })))
                .replaceWithVoid();
    }

    private Uni<Integer> update(org.hibernate.reactive.mutiny.Mutiny.Session session, String set, Instant at, long id,
            String... error) {
        var query = session.createNativeQuery("update " + table.name() + " set " + set + " where id = ?2")
                .setParameter(1, at)
                .setParameter(2, id);
        if (error.length > 0) {
            query.setParameter(3, error[0]);
        }
        return query.executeUpdate();
    }

    /** PostgreSQL keeps microseconds. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
