package io.eer.support.poll;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a {@link DuePoller} polls: rows of {@code table} (key column {@code key}) for which {@code due} holds, in
 * {@code order}, and what to do with each one. {@code due} is an SQL predicate in which {@code ?1} is the current
 * instant (e.g. {@code deadline <= ?1 and status = 'PENDING'}); the handler must make the row no longer due in the
 * same transaction (that is how a row is done), or fail, in which case the row is tried again on a later poll.
 *
 * <p>Work that must not run inside a transaction (an HTTP call: a webhook post) goes in {@code afterCommit}: the
 * handler then only <em>leases</em> the row in the claiming transaction (moves it out of {@code due}, e.g.
 * {@code next_attempt_at} past the longest the call can take, so no other instance claims it meanwhile), and
 * {@code afterCommit} runs per row once that transaction committed, with no transaction open; it records the outcome
 * in a short transaction of its own. A crash in between leaves the row to fall due again when the lease ends:
 * at-least-once. The key column may be of any type; handlers get it as text.
 *
 * @param name      the job's identity in the scheduler ({@code Scheduler.pause(name)} stops it)
 * @param interval  how often to poll (also the worst-case delay after a row falls due, unless someone wakes it)
 * @param batchSize rows claimed per transaction, 1..10000; a larger backlog drains in further batches of one poll
 * @param handler   called per claimed row, with its key, inside the claiming transaction
 * @param afterCommit called per row whose handler committed, after the commit, outside any transaction; its
 *                  failure is logged (the lease then runs out and the row falls due again); {@code null}: none
 * @param batchHandler when not {@code null}, called instead of {@code handler} with all the keys a batch claimed, once,
 *                  inside the claiming transaction ({@link #batched}); {@code handler} then serves the row-by-row
 *                  retry after a failed batch
 */
public record DueWork(String name, String table, String key, String due, String order, Duration interval,
        int batchSize, Function<String, Uni<Void>> handler, Function<String, Uni<Void>> afterCommit,
        Function<List<String>, Uni<Void>> batchHandler) {

    /** Work done per row, and per row after the commit ({@code afterCommit}, may be {@code null}). */
    public DueWork(String name, String table, String key, String due, String order, Duration interval,
            int batchSize, Function<String, Uni<Void>> handler, Function<String, Uni<Void>> afterCommit) {
        this(name, table, key, due, order, interval, batchSize, handler, afterCommit, null);
    }

    /** Work done entirely inside the claiming transaction. */
    public DueWork(String name, String table, String key, String due, String order, Duration interval,
            int batchSize, Function<String, Uni<Void>> handler) {
        this(name, table, key, due, order, interval, batchSize, handler, null, null);
    }

    /**
     * Work done a batch at a time, entirely inside the claiming transaction: {@code batchHandler} gets every key the
     * batch claimed at once (so it can load and write them in a few statements instead of a few per row). Its
     * contract is the handler's for each key; after a failed batch each row is retried alone, with a one-key list.
     */
    public static DueWork batched(String name, String table, String key, String due, String order, Duration interval,
            int batchSize, Function<List<String>, Uni<Void>> batchHandler) {
        Objects.requireNonNull(batchHandler, "batchHandler");
        return new DueWork(name, table, key, due, order, interval, batchSize, one -> batchHandler.apply(List.of(one)),
                null, batchHandler);
    }

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

    /** Up to {@code ?2} due rows, locked; rows another transaction holds are skipped, not waited for. */
    String claimBatch() {
        return "select cast(" + key + " as text) from " + table + " where " + due + " order by " + order
                + " limit ?2 for update skip locked";
    }

    /**
     * The one row {@code ?2}, locked, if it is still due and nobody else holds it. Compared as text so that any key
     * type works (a text key keeps its index; this runs only after a failed batch).
     */
    String claimOne() {
        return "select cast(" + key + " as text) from " + table + " where cast(" + key + " as text) = ?2 and (" + due
                + ") for update skip locked";
    }
}
