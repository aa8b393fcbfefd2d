package io.eer.support.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A unit of work's outermost transaction, with steps that must wait for its commit: an in-memory wake-up armed for a
 * row this transaction stores ({@code DuePoller.wakeAt}) must not go off before the row is visible, or the poll it
 * wakes finds nothing due and the deadline waits for the backstop poll. That happened to a deadline already past when
 * its row was written (a consumer that read the request late): the wake-up went off 1 ms later, before the commit.
 *
 * <p>{@link #afterCommit} inside {@link #withTransaction} runs the step once that transaction committed (never if it
 * rolled back; a retried transaction collects afresh); anywhere else (no such transaction, or one opened by plain
 * {@code Panache.withTransaction}) it runs the step at once.
 */
public final class Transactions {

    private static final Logger LOG = Logger.getLogger(Transactions.class);
    private static final String STEPS = Transactions.class.getName() + ".afterCommit";

    private Transactions() {
    }

    /**
     * {@code Panache.withTransaction(work)}, then the steps {@link #afterCommit} collected in it. Nested inside another
     * one on the same context, it joins that one, whose commit runs the steps.
     */
    public static <T> Uni<T> withTransaction(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            if (context == null || !VertxContext.isDuplicatedContext(context) || context.getLocal(STEPS) != null) {
                return Panache.withTransaction(work);
            }
            List<Runnable> steps = new ArrayList<>();
            context.putLocal(STEPS, steps);
            return Panache.withTransaction(work)
                    .onTermination().invoke(() -> context.removeLocal(STEPS))
                    .invoke(() -> steps.forEach(Transactions::runQuietly));
        });
    }

    /** Runs {@code step} once the enclosing {@link #withTransaction} committed, or at once outside one. */
    public static void afterCommit(Runnable step) {
        Context context = Vertx.currentContext();
        List<Runnable> steps = context != null && VertxContext.isDuplicatedContext(context)
                ? context.getLocal(STEPS) : null;
        if (steps == null) {
            runQuietly(step);
        } else {
            steps.add(step);
        }
    }

    /** A step after the commit cannot undo it: its failure is logged, never passed to the committed work's caller. */
    private static void runQuietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.warnf("a step after the commit failed: %s", e.toString());
        }
    }
}
