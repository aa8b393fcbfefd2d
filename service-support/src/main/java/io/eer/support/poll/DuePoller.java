package io.eer.support.poll;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The one due-work poller (timers, retries, checkpoints): every {@link DueWork#interval()} it claims due rows with
 * {@code FOR UPDATE SKIP LOCKED} and runs the handler per row <em>in the claiming transaction</em>, so the claim and
 * the effect commit together. A crash or a failure before the commit releases the lock and leaves the row due: it is
 * taken again, by this instance or another, never lost; two instances never take the same row at once.
 *
 * <p>A batch that fails is retried row by row in transactions of their own, so one bad row does not hold back the
 * others; the bad one is logged and stays due for the next poll. Runs as a scheduler job named
 * {@link DueWork#name()}, so {@code SchedulerGate} (halted until messaging is wired, paused at shutdown) and
 * {@code Scheduler.pause(name)} hold it; {@link #wake()} runs it at once (e.g. right after a commit that made a row
 * due now) unless the scheduler or the job is paused. Work that must not run inside a transaction (an HTTP post) goes
 * in {@link DueWork#afterCommit()}: run per row once the claim committed. Create it with
 * {@link DuePollers#start(DueWork)}.
 */
public final class DuePoller {

    private static final Logger LOG = Logger.getLogger(DuePoller.class);

    private final DueWork work;
    private final Scheduler scheduler;
    private final Vertx vertx;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean first = new AtomicBoolean(true);
    private final AtomicLong handled = new AtomicLong();

    DuePoller(DueWork work, Scheduler scheduler, Vertx vertx, Clock clock) {
        this.work = work;
        this.scheduler = scheduler;
        this.vertx = vertx;
        this.clock = clock;
    }

    void schedule() {
        scheduler.newJob(work.name())
                .setInterval(work.interval().toMillis() + "ms")
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setAsyncTask(execution -> onOwnContext())
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
        onOwnContext().subscribe().with(ignored -> {
        }, failure -> LOG.warnf("%s: woken poll failed: %s", work.name(), failure.toString()));
    }

    /** Hibernate Reactive needs a Vert.x duplicated context; a poll gets one of its own. */
    private Uni<Void> onOwnContext() {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true); // ours alone: Panache may open its session on it
        return Uni.createFrom().<Void>emitter(emitter -> context.runOnContext(ignored -> pollGuarded()
                .subscribe().with(done -> emitter.complete(null), emitter::fail)));
    }

    /**
     * One poll at a time per instance: a wake-up during a poll makes that poll run once more when it ends, so a row
     * that fell due meanwhile is not left for the next interval.
     */
    private Uni<Void> pollGuarded() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        again.set(false);
        return poll()
                .onFailure().invoke(e -> LOG.warnf("%s: poll failed, the next poll retries: %s", work.name(), e.toString()))
                .onFailure().recoverWithItem(0)
                .eventually(() -> running.set(false))
                .chain(ignored -> again.getAndSet(false) ? pollGuarded() : Uni.createFrom().voidItem());
    }

    /** Handles due rows, batch after batch, until fewer than a full batch was due; answers how many were handled. */
    Uni<Integer> poll() {
        return batch().repeat().whilst(count -> count == work.batchSize())
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue))
                .invoke(count -> {
                    handled.addAndGet(count);
                    if (first.compareAndSet(true, false)) {
                        LOG.infof("%s: first poll since start handled %d due row(s)", work.name(), count);
                    } else if (count > 0) {
                        LOG.debugf("%s: handled %d due row(s)", work.name(), count);
                    }
                });
    }

    private Uni<Integer> batch() {
        return Uni.createFrom().deferred(() -> {
            Instant now = now();
            List<String> claimed = new java.util.ArrayList<>();
            return Panache.withTransaction(() -> Panache.getSession()
                            .chain(session -> session.createNativeQuery(work.claimBatch(), String.class)
                                    .setParameter(1, now)
                                    .setParameter(2, work.batchSize())
                                    .getResultList())
                            .invoke(claimed::addAll)
                            .chain(keys -> handleAll(keys).replaceWith(keys.size())))
                    .call(count -> afterCommit(claimed))
                    .onFailure().recoverWithUni(failure -> {
                        LOG.warnf("%s: a batch of %d row(s) failed (%s); retrying them one by one", work.name(),
                                claimed.size(), failure.toString());
                        return oneByOne(claimed);
                    });
        });
    }

    private Uni<Void> handleAll(List<String> keys) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String key : keys) {
            chain = chain.chain(() -> work.handler().apply(key)); // one session: strictly one after the other
        }
        return chain;
    }

    /**
     * After a failed batch: each row in a transaction of its own. Answers 0 when any failed, so this poll stops
     * draining and the failed row waits for the next poll instead of being hammered.
     */
    private Uni<Integer> oneByOne(List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().failure(new IllegalStateException(work.name() + ": the claim itself failed"));
        }
        AtomicBoolean anyFailed = new AtomicBoolean();
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (String key : keys) {
            chain = chain.chain(done -> one(key)
                    .onFailure().invoke(e -> {
                        anyFailed.set(true);
                        LOG.warnf("%s: row %s failed, it stays due: %s", work.name(), key, e.toString());
                    })
                    .onFailure().recoverWithItem(0)
                    .map(count -> done + count));
        }
        return chain.map(count -> anyFailed.get() ? 0 : count);
    }

    private Uni<Integer> one(String key) {
        Instant now = now();
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(work.claimOne(), String.class)
                        .setParameter(1, now)
                        .setParameter(2, key)
                        .getResultList())
                .chain(keys -> keys.isEmpty() ? Uni.createFrom().item(0) // done or taken meanwhile
                        : work.handler().apply(key).replaceWith(1)))
                .call(count -> count == 1 ? afterCommit(List.of(key)) : Uni.createFrom().voidItem());
    }

    /**
     * {@link DueWork#afterCommit()} for each key, after the claiming transaction committed (no transaction open), one
     * after the other. Never fails: a failure is logged and the row is left as its handler committed it (leased).
     */
    private Uni<Void> afterCommit(List<String> keys) {
        if (work.afterCommit() == null || keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String key : keys) {
            chain = chain.chain(() -> work.afterCommit().apply(key)
                    .onFailure().invoke(e -> LOG.warnf("%s: after-commit step of row %s failed: %s", work.name(), key,
                            e.toString()))
                    .onFailure().recoverWithNull());
        }
        return chain;
    }

    /** PostgreSQL keeps microseconds: what a handler stores is then exactly what it decided on. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
