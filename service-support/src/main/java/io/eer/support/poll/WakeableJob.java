package io.eer.support.poll;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A background job with one runner per instance that can be woken: {@link #run()} starts a round on a Vert.x context
 * of its own unless one is going; a wake-up during a round makes the runner do one more round when it ends (wake-ups
 * coalesce: ten during one round make one more, not ten), so work that became due meanwhile is not left for the next
 * interval. A round answers whether to go again at once (e.g. it handled a full batch). A failed round is logged and
 * counts as "no more now". Each round runs on a Vert.x context of its own. Used by {@link DuePoller} and the outbox relay.
 */
public final class WakeableJob {

    private static final Logger LOG = Logger.getLogger(WakeableJob.class);

    private final String name;
    private final Vertx vertx;
    private final Supplier<Uni<Boolean>> round;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    /** {@code round}: one round of work, answering whether another should follow at once. */
    public WakeableJob(String name, Vertx vertx, Supplier<Uni<Boolean>> round) {
        this.name = Objects.requireNonNull(name, "name");
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.round = Objects.requireNonNull(round, "round");
    }

    /**
     * Runs now: completes when the rounds this call started have ended, or at once when another runner is going
     * (which then does one more round). Never fails.
     */
    public Uni<Void> run() {
        return Uni.createFrom().deferred(() -> {
            again.set(true); // before trying to become the runner: a runner that is finishing sees it
            return drain();
        });
    }

    /** {@link #run()} without waiting; for callers on an event loop (a commit, a notification). */
    public void wake() {
        run().subscribe().with(ignored -> {
        }, failure -> LOG.warnf("%s: woken run failed: %s", name, failure.toString()));
    }

    /** Whether a round is going now. */
    public boolean running() {
        return running.get();
    }

    private Uni<Void> drain() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem(); // the runner sees `again`
        }
        return Uni.createFrom().deferred(this::roundOnAContextOfItsOwn)
                .map(Boolean.TRUE::equals)
                .onFailure().invoke(e -> LOG.warnf("%s: round failed, the next run retries: %s", name, e.toString()))
                .onFailure().recoverWithItem(false)
                .repeat().whilst(more -> more || again.get())
                .collect().last()
                .eventually(() -> running.set(false))
                // a wake-up between the last check and running=false found the runner busy: serve it now
                .chain(ignored -> again.get() ? drain() : Uni.createFrom().voidItem());
    }

    /**
     * One round on a duplicated Vert.x context of its own (Hibernate Reactive needs one; Panache opens its session on
     * it): a round that failed or was given up on while its session was still open (a database cut can leave a
     * reactive operation that never answers) leaves that session behind, and no later round may reuse it.
     */
    private Uni<Boolean> roundOnAContextOfItsOwn() {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true); // ours alone
        return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored -> {
            again.set(false);
            Uni.createFrom().deferred(round::get).subscribe().with(emitter::complete, emitter::fail);
        }));
    }
}
