package io.eer.support.poll;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a {@link DuePoller} polls: rows of {@code table} (key column {@code key}) for which {@code due} holds, in
 * {@code order}, and what to do with each one. {@code due} is an SQL predicate in which {@code ?1} is the current
 * instant (e.g. {@code deadline <= ?1 and status = 'PENDING'}); the handler must make the row no longer due in the
 * same transaction (that is how a row is done), or fail, in which case the row is tried again on a later poll.
 *
 * @param name      the job's identity in the scheduler ({@code Scheduler.pause(name)} stops it)
 * @param interval  how often to poll (also the worst-case delay after a row falls due, unless someone wakes it)
 * @param batchSize rows claimed per transaction, 1..10000; a larger backlog drains in further batches of one poll
 * @param handler   called per claimed row, with its key, inside the claiming transaction
 * @param afterCommit optional ({@code null}: none): called per handled row, with its key, once the claiming
 *                  transaction has committed, with no transaction open, one row after the other; for work that must
 *                  not hold a lock or a connection (an HTTP post): the handler leases the row (no longer due), this
 *                  does the slow part and records its outcome in a transaction of its own. A failure here is logged
 *                  and changes nothing; a crash before it leaves the row to its lease
 */
public record DueWork(String name, String table, String key, String due, String order, Duration interval,
        int batchSize, Function<String, Uni<Void>> handler, Function<String, Uni<Void>> afterCommit) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public DueWork {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(handler, "handler");
        // table and key are pasted into SQL: identifiers only (they come from code, never from input)
        if (table == null || !IDENTIFIER.matcher(table).matches() || key == null || !IDENTIFIER.matcher(key).matches()) {
            throw new IllegalArgumentException("table and key must be plain SQL identifiers");
        }
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(name + ": the poll interval must be positive, is " + interval);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException(name + ": the batch size must be 1..10000, is " + batchSize);
        }
    }

    /** Due work with nothing to do after the commit: the handler's transaction is the whole effect. */
    public DueWork(String name, String table, String key, String due, String order, Duration interval,
            int batchSize, Function<String, Uni<Void>> handler) {
        this(name, table, key, due, order, interval, batchSize, handler, null);
    }

    /** Up to {@code ?2} due rows, locked; rows another transaction holds are skipped, not waited for. */
    String claimBatch() {
        return "select " + key + " from " + table + " where " + due + " order by " + order
                + " limit ?2 for update skip locked";
    }

    /** The one row {@code ?2}, locked, if it is still due and nobody else holds it. */
    String claimOne() {
        return "select " + key + " from " + table + " where " + key + " = ?2 and (" + due + ") for update skip locked";
    }
}
