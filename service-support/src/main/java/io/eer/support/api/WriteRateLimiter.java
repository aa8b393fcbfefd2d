package io.eer.support.api;

import io.eer.support.problem.Problem;
import io.eer.support.problem.Problem.Violation;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Per-caller write limit: a token bucket per {@code sub} on this instance, spent by POST, PUT, PATCH and DELETE
 * ({@code eer.http.write-rate-limit.*}); callers in an agent group (session agents) get a larger agent bucket. An
 * empty bucket answers 429 problem+json with {@code Retry-After}.
 *
 * <p>Refusals are not recorded one by one (a flood would flood the ledger): the first refusal of a run is logged
 * once as {@code eer.rate-limited caller=… }, and when the caller is let through again one line gives how many writes
 * were refused in between. Log-based alerting keys on {@code eer.rate-limited}.
 */
@Singleton
public class WriteRateLimiter {

    private static final Logger LOG = Logger.getLogger(WriteRateLimiter.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final int MAX_TRACKED = 100_000;

    private final Instance<HttpLimitSettings> config;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile HttpLimitSettings.RateLimit settings;

    // REST filters are instantiated while the application starts, before runtime config mappings exist: read lazily
    WriteRateLimiter(Instance<HttpLimitSettings> config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @ServerRequestFilter
    public Optional<Response> limit(ContainerRequestContext request) {
        if (settings == null) {
            settings = config.get().writeRateLimit();
        }
        if (!settings.enabled() || !WRITES.contains(request.getMethod())) {
            return Optional.empty();
        }
        Principal principal = request.getSecurityContext().getUserPrincipal();
        String sub = principal instanceof JsonWebToken jwt ? jwt.getSubject()
                : principal == null ? null : principal.getName();
        if (sub == null) {
            return Optional.empty(); // unauthenticated writes never reach here (every endpoint needs a token)
        }
        boolean agent = principal instanceof JsonWebToken jwt && jwt.getGroups() != null
                && settings.agentGroups().stream().anyMatch(jwt.getGroups()::contains);
        Limit limit = agent ? new Limit(settings.agentBurst(), settings.agentRefillEvery().toMillis())
                : new Limit(settings.burst(), settings.refillEvery().toMillis());
        long retryAfter = take((agent ? "agent:" : "") + sub, limit);
        if (retryAfter == 0) {
            return Optional.empty();
        }
        Problem problem = Problem.invalid(429, "Too Many Requests", List.of(new Violation("caller", "rate-limit",
                "at most " + limit.burst() + " writes at once and one more every " + limit.refillMillis()
                        + " ms per caller; retry after " + retryAfter + " s")));
        return Optional.of(Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", retryAfter)
                .entity(problem).build());
    }

    /** A bucket's size and how often it gets one write back. */
    record Limit(int burst, long refillMillis) {
        Limit {
            refillMillis = Math.max(1, refillMillis);
        }
    }

    /** 0 when {@code key} may write now, else the whole seconds until it may. */
    long take(String key, Limit limit) {
        long now = clock.millis();
        if (buckets.size() > MAX_TRACKED) {
            buckets.values().removeIf(bucket -> bucket.full(now));
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit, now));
        long waitMillis;
        int refusedBefore;
        synchronized (bucket) {
            bucket.refill(now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                refusedBefore = bucket.refused;
                bucket.refused = 0;
                waitMillis = 0;
            } else {
                refusedBefore = -1;
                bucket.refused++;
                waitMillis = (long) Math.ceil((1 - bucket.tokens) * limit.refillMillis());
                if (bucket.refused == 1) {
                    LOG.warnf("eer.rate-limited caller=%s: writes refused (burst %d, one more every %d ms); "
                            + "further refusals are counted, not logged", key, limit.burst(), limit.refillMillis());
                }
            }
        }
        if (refusedBefore > 0) {
            LOG.warnf("eer.rate-limited caller=%s: %d writes were refused before this one was let through", key,
                    refusedBefore);
        }
        return waitMillis == 0 ? 0 : Math.max(1, (waitMillis + 999) / 1000);
    }

    private static final class Bucket {
        final Limit limit;
        double tokens;
        long at;
        int refused;

        Bucket(Limit limit, long now) {
            this.limit = limit;
            this.tokens = limit.burst();
            this.at = now;
        }

        void refill(long now) {
            if (now > at) {
                tokens = Math.min(limit.burst(), tokens + (double) (now - at) / limit.refillMillis());
                at = now;
            }
        }

        boolean full(long now) {
            synchronized (this) {
                refill(now);
                return tokens >= limit.burst() && refused == 0;
            }
        }
    }
}
