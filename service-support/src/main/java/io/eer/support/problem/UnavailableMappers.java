package io.eer.support.problem;

import io.eer.support.inbox.FailurePolicy;
import io.eer.support.resilience.ResilienceSettings;
import io.eer.support.resilience.RetryWhileUnavailable;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A database (or broker) that is unavailable answers {@code 503 application/problem+json} with {@code Retry-After},
 * not a 500 page: the caller may simply try again (a write has been retried inside the service first, see
 * {@code RetryWhileUnavailable}).
 */
public class UnavailableMappers {

    private static final Logger LOG = Logger.getLogger(UnavailableMappers.class);

    private final ResilienceSettings settings;

    UnavailableMappers(ResilienceSettings settings) {
        this.settings = settings;
    }

    /**
     * Whatever no more specific mapper claims (ProblemMappers', Quarkus' security mappers win by being closer to the
     * exception's class): an outage is a 503, anything else a 500 problem that tells nothing internal.
     */
    @ServerExceptionMapper
    public Response unmapped(Throwable e) {
        return respond(e);
    }

    private Response respond(Throwable e) {
        if (FailurePolicy.transientFailure(e)) {
            LOG.warnf("answered 503, a dependency is unavailable: %s", FailurePolicy.describe(e));
            long seconds = Math.max(1, settings.retryAfter().toSeconds());
            // past the deadline the write runs on to its own end: it may yet commit, whole (RetryWhileUnavailable)
            Problem problem = Problem.of(503, "Service Unavailable", e instanceof RetryWhileUnavailable.DeadlineExceeded
                    ? "not answered within " + settings.requestDeadline().toSeconds() + " s; retry after " + seconds
                            + " s with the same Idempotency-Key (the write either completes whole or not at all)"
                    : "a dependency is unavailable; nothing was changed, retry after " + seconds + " s");
            return Response.status(503).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, seconds)
                    .entity(problem).build();
        }
        LOG.error("request failed", e);
        return Response.status(500).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(500, "Internal Server Error", "the request could not be completed")).build();
    }
}
