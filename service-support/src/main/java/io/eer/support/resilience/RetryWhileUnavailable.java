package io.eer.support.resilience;

import io.eer.support.inbox.FailurePolicy;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.jboss.logging.Logger;

/**
 * Re-runs a {@code @WithTransaction} method whole while the database is briefly unavailable (connection refused or
 * closed, pool timeout, SQLSTATE 08/53/57P0x, serialization failure, deadlock), with back-off, for at most
 * {@code eer.resilience.request-retry-budget}; then the failure goes on to {@code UnavailableMappers} (503).
 *
 * <p>The caller is answered within {@code eer.resilience.request-deadline} whatever happens underneath (a lock held by a
 * stuck transaction, a pool with no free connection, a database that stopped answering): past it, a
 * {@link DeadlineExceeded} (503, "retry") goes to the caller. The transaction itself is never cancelled, neither by
 * the deadline nor by a caller that hangs up: it runs on to its own commit or rollback, because a reactive transaction
 * cancelled mid-flight can leave its connection with the transaction still open (and its locks held: the producer's
 * counter row stalls every later write). A write that commits after its caller was answered 503 is whole, and a retry
 * with the same {@code Idempotency-Key} answers it.
 *
 * <p>It binds to {@code @WithTransaction} itself and runs outside Panache's interceptor (priority below 200), so each
 * attempt is a new transaction around a new invocation of the method: a refused write has changed nothing, never
 * half of it. A failure of the input (validation, a constraint) is not retried.
 */
@WithTransaction
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 190)
public class RetryWhileUnavailable {

    private static final Logger LOG = Logger.getLogger(RetryWhileUnavailable.class);

    private final ResilienceSettings settings;

    RetryWhileUnavailable(ResilienceSettings settings) {
        this.settings = settings;
    }

    @AroundInvoke
    Object retry(InvocationContext context) throws Exception {
        if (!Uni.class.isAssignableFrom(context.getMethod().getReturnType())) {
            return context.proceed();
        }
        Uni<?> attempt = (Uni<?>) context.proceed(); // lazy: each subscription opens a new transaction
        Context vertx = Vertx.currentContext();
        if (vertx != null) {
            // a retry after back-off resubscribes on a timer thread; the session belongs to the request's context
            attempt = attempt.runSubscriptionOn(command -> vertx.runOnContext(ignored -> command.run()));
        }
        Uni<?> attempts = attempt
                .onFailure(FailurePolicy::transientFailure).invoke(e -> LOG.warnf(
                        "%s: the database is unavailable, retrying the transaction: %s",
                        context.getMethod().getName(), FailurePolicy.describe(e)))
                .onFailure(FailurePolicy::transientFailure).retry()
                .withBackOff(settings.requestBackoff(), settings.requestBackoff().multipliedBy(8))
                .expireIn(settings.requestRetryBudget().toMillis());
        String method = context.getMethod().getName();
        Duration deadline = settings.requestDeadline();
        return uncancellable(attempts)
                .ifNoItem().after(deadline).failWith(() -> new DeadlineExceeded(method, deadline));
    }

    /**
     * {@code work} subscribed on its own: cancelling the answer (a caller that hangs up, the deadline) does not reach
     * it, so its transaction always ends in a commit or a rollback.
     */
    public static <T> Uni<T> uncancellable(Uni<T> work) {
        // after a cancellation the emitter ignores the outcome; the transaction has ended either way
        return Uni.createFrom().emitter(emitter -> work.subscribe().with(emitter::complete, emitter::fail));
    }

    /**
     * A REST write not answered within {@code eer.resilience.request-deadline}: answered 503 with Retry-After
     * ({@code FailurePolicy}: transient, a {@link TimeoutException}).
     */
    public static final class DeadlineExceeded extends TimeoutException {
        DeadlineExceeded(String method, Duration deadline) {
            super(method + " was not answered within " + deadline.toMillis() + " ms");
        }
    }
}
