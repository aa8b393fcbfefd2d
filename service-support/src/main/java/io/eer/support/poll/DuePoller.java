package io.eer.support.poll;

import io.eer.support.persistence.Transactions;
import io.eer.support.resilience.RetryWhileUnavailable;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one due-work poller (timers, retries, checkpoints): every {@link DueWork#interval()} it claims due rows with
 * {@code FOR UPDATE SKIP LOCKED} and runs the handler per row (or, for {@link DueWork#batched} work, the batch handler
 * once with all the claimed keys) <em>in the claiming transaction</em>, so the claim and the effect commit together.
 * A crash or a failure before the commit releases the lock and leaves the row due: it is taken again, by this
 * instance or another, never lost; two instances never take the same row at once.
 *
 * <p>A batch that fails is retried row by row in transactions of their own, so one bad row does not hold back the
 * others; the bad one is logged and stays due for the next poll. A poll drains batch after batch while they come
 * full; a full batch that claimed only rows the previous batch already had (their handler left them due) made no
 * progress, and the poll stops there instead of re-claiming them in a busy loop: they wait for the next interval.
 * {@link DueWork#afterCommit()} runs per row after its claim committed, outside any transaction (webhook posts).
 * Runs as a scheduler job named
 * {@link DueWork#name()}, so {@code SchedulerGate} (halted until messaging is wired, paused at shutdown) and
 * {@code Scheduler.pause(name)} hold it; {@link #wake()} runs it at once (e.g. right after a commit that made a row
 * due now) unless the scheduler or the job is paused; one poll at a time per instance ({@link WakeableJob}). Create
 * it with {@link DuePollers#start(DueWork)}.
 *
 * <p>A claim transaction not answered within {@code eer.resilience.poll-deadline} is given up on (never cancelled; it
 * commits or rolls back by itself, and its row locks keep another poll off its rows meanwhile): the poll fails, and
 * the next one starts on a fresh session ({@link WakeableJob} runs each round on a context of its own). A database
 * cut once left such an operation unanswered, and the poller waited on it for ever.
 */
public final class DuePoller {

    private static final Logger LOG = Logger.getLogger(DuePoller.class);

    private final DueWork work;
    private final Scheduler scheduler;
    private final Clock clock;
    private final WakeableJob job;
    private final AtomicBoolean first = new AtomicBoolean(true);
    private final AtomicLong handled = new AtomicLong();
    private final Duration deadline;
    private final Vertx vertx;
    /** Wake-ups armed by {@link #wakeAt}, by deadline millisecond: deadlines in the same millisecond share one. */
    private final ConcurrentMap<Long, Long> alarms = new ConcurrentHashMap<>();

    DuePoller(DueWork work, Scheduler scheduler, Vertx vertx, Clock clock, Duration deadline) {
        this.work = work;
        this.scheduler = scheduler;
        this.vertx = vertx;
        this.clock = clock;
        this.deadline = deadline;
        this.job = new WakeableJob(work.name(), vertx, () -> poll().replaceWith(false)); // poll() drains itself
    }

    void schedule() {
        scheduler.newJob(work.name())
                .setInterval(work.interval().toMillis() + "ms")
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setAsyncTask(execution -> job.run())
                .schedule();
    }

    public String name() {
        return work.name();
    }

    /** Rows handled since start (successfully committed or not: counted when their handler completed). */
    public long handled() {
        return handled.get();
    }

    /**
     * Polls now instead of at the next interval, unless the scheduler or this job is paused. Call it after the commit
     * that made a row due (calling it inside that transaction would not see the row). Never blocks, never fails.
     */
    public void wake() {
        if (!scheduler.isRunning() || scheduler.isPaused(work.name())) {
            return;
        }
        job.wake();
    }

    /**
     * Polls at {@code deadline} (never before it): an in-memory Vert.x timer that only {@link #wake wakes} the poller,
     * which claims and handles the row from the table as on any poll. Nothing is decided here, so a wake-up armed
     * twice, on two instances, or for a row no longer due costs one extra poll. Lost at a crash: the interval's poll
     * is the backstop, and the service re-arms what it needs after a start. A deadline further off than
     * {@code horizon} is not armed (the service's re-arm job takes it once it comes within). Called inside a
     * {@link Transactions#withTransaction}, it arms once that transaction committed.
     */
    public void wakeAt(Instant deadline, Duration horizon) {
        // inside the transaction that stores the row, a deadline already past would go off before the row is visible
        Transactions.afterCommit(() -> arm(deadline, horizon));
    }

    private void arm(Instant deadline, Duration horizon) {
        long nanos = Duration.between(clock.instant(), deadline).toNanos();
        if (nanos > horizon.toNanos()) {
            return;
        }
        long delayMillis = Math.max(1, (nanos + 999_999) / 1_000_000);
        alarms.computeIfAbsent(deadline.toEpochMilli(), key -> vertx.setTimer(delayMillis, id -> {
            alarms.remove(key);
            wake();
        }));
    }

    /** Wake-ups armed by {@link #wakeAt} and not yet gone off. */
    public int armedCount() {
        return alarms.size();
    }

    /** Handles due rows, batch after batch, while batches come full and make progress; answers how many. */
    Uni<Integer> poll() {
        return drain(work.batchSize(), this::batch)
                .invoke(count -> {
                    handled.addAndGet(count);
                    if (first.compareAndSet(true, false)) {
                        LOG.infof("%s: first poll since start handled %d due row(s)", work.name(), count);
                    } else if (count > 0) {
                        LOG.debugf("%s: handled %d due row(s)", work.name(), count);
                    }
                });
    }

    /** What one batch came to: the keys it claimed and how many of them were handled and committed. */
    record Batch(List<String> claimed, int handled) {
    }

    /**
     * Runs {@code batch} again while the last one was full, fully handled, and claimed at least one row the one before
     * had not: rows a handler leaves due (or that come back at once) would otherwise be re-claimed in a busy loop.
     */
    static Uni<Integer> drain(int batchSize, Supplier<Uni<Batch>> batch) {
        Set<String> previous = new HashSet<>();
        return Uni.createFrom().deferred(() -> batch.get())
                .repeat().whilst(done -> {
                    boolean progress = !previous.containsAll(done.claimed());
                    previous.clear();
                    previous.addAll(done.claimed());
                    return done.claimed().size() == batchSize && done.handled() == batchSize && progress;
                })
                .collect().with(java.util.stream.Collectors.summingInt(Batch::handled));
    }

    private Uni<Batch> batch() {
        return Uni.createFrom().deferred(() -> {
            Instant now = now();
            Context context = Vertx.currentContext(); // the job's own (WakeableJob)
            List<String> claimed = new ArrayList<>();
            return bounded(Transactions.withTransaction(() -> Panache.getSession()
                            .chain(session -> session.createNativeQuery(work.claimBatch(), String.class)
                                    .setParameter(1, now)
                                    .setParameter(2, work.batchSize())
                                    .getResultList())
                            .invoke(claimed::addAll)
                            .chain(keys -> handleAll(keys).replaceWith(keys))), context)
                    .map(keys -> new Committed(keys, keys))
                    // one by one would run on the session the unanswered transaction still holds
                    .onFailure(failure -> !(failure instanceof NotAnswered)).recoverWithUni(failure -> {
                        LOG.warnf("%s: a batch of %d row(s) failed (%s); retrying them one by one", work.name(),
                                claimed.size(), failure.toString());
                        return oneByOne(claimed, context);
                    })
                    .call(committed -> afterCommit(committed.keys(), context))
                    .map(committed -> new Batch(committed.claimed(), committed.handled()));
        });
    }

    /** The keys a batch claimed and those of them whose handler committed. */
    private record Committed(List<String> claimed, List<String> keys) {
        int handled() {
            return keys.size();
        }
    }

    private Uni<Void> handleAll(List<String> keys) {
        if (work.batchHandler() != null) {
            return keys.isEmpty() ? Uni.createFrom().voidItem() : work.batchHandler().apply(keys);
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String key : keys) {
            chain = chain.chain(() -> work.handler().apply(key)); // one session: strictly one after the other
        }
        return chain;
    }

    /** The after-commit step of each committed row, one after the other, outside any transaction; never fails. */
    private Uni<Void> afterCommit(List<String> keys, Context context) {
        if (work.afterCommit() == null || keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String key : keys) {
            // each step starts on the job's context (the previous one may have completed on an HTTP client thread)
            chain = chain.emitOn(task -> context.runOnContext(ignored -> task.run()))
                    .chain(() -> Uni.createFrom().deferred(() -> work.afterCommit().apply(key))
                    .onFailure().invoke(e -> LOG.warnf("%s: row %s: the step after the claim failed, the row falls"
                            + " due again when its lease ends: %s", work.name(), key, e.toString()))
                    .onFailure().recoverWithNull()
                    .replaceWithVoid());
        }
        return chain.emitOn(task -> context.runOnContext(ignored -> task.run())); // the next batch's session too
    }

    /**
     * After a failed batch: each row in a transaction of its own. When any failed, the batch answers no claimed rows,
     * so this poll stops draining and the failed row waits for the next poll instead of being hammered.
     */
    private Uni<Committed> oneByOne(List<String> keys, Context context) {
        if (keys.isEmpty()) {
            return Uni.createFrom().failure(new IllegalStateException(work.name() + ": the claim itself failed"));
        }
        AtomicBoolean anyFailed = new AtomicBoolean();
        List<String> committed = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String key : keys) {
            chain = chain.chain(() -> one(key, context)
                    .invoke(done -> {
                        if (done) {
                            committed.add(key);
                        }
                    })
                    .onFailure(e -> !(e instanceof NotAnswered)).invoke(e -> {
                        anyFailed.set(true);
                        LOG.warnf("%s: row %s failed, it stays due: %s", work.name(), key, e.toString());
                    })
                    .onFailure(e -> !(e instanceof NotAnswered)).recoverWithItem(false)
                    .replaceWithVoid());
        }
        // the rows that committed still get their after-commit step; a failure stops the drain
        return chain.map(ignored -> new Committed(anyFailed.get() ? List.of() : keys, committed));
    }

    /** Whether {@code key} was still due, claimed, handled and committed. */
    private Uni<Boolean> one(String key, Context context) {
        Instant now = now();
        return bounded(Transactions.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(work.claimOne(), String.class)
                        .setParameter(1, now)
                        .setParameter(2, key)
                        .getResultList())
                .chain(keys -> keys.isEmpty() ? Uni.createFrom().item(false) // done or taken meanwhile
                        : work.handler().apply(key).replaceWith(true))), context);
    }

    /**
     * {@code transaction}, waited for at most the poll deadline (then {@link NotAnswered}, the transaction left to end
     * by itself), answering on {@code context} either way.
     */
    private <T> Uni<T> bounded(Uni<T> transaction, Context context) {
        return RetryWhileUnavailable.uncancellable(transaction)
                .ifNoItem().after(deadline).failWith(() -> new NotAnswered(work.name(), deadline))
                .emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** A claim transaction that gave no answer within the poll deadline. */
    static final class NotAnswered extends TimeoutException {
        NotAnswered(String job, Duration deadline) {
            super(job + ": a claim transaction was not answered within " + deadline.toMillis()
                    + " ms; it is left to end by itself, the next poll starts on a fresh session");
        }
    }

    /** PostgreSQL keeps microseconds: what a handler stores is then exactly what it decided on. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
