package io.eer.support.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.support.problem.Problem;
import io.eer.support.problem.Problem.Violation;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * A body announced larger than {@code eer.http.max-body-size} is refused with 413 problem+json before a byte of
 * it is read. quarkus.http.limits.max-body-size (the same value) still stops a chunked body that grows past it.
 */
@Singleton
public class BodySizeLimit {

    private final Instance<HttpLimitSettings> settings;
    private final ObjectMapper json;
    private volatile long maxBytes = -1;

    // the filter is registered while the application starts, before runtime config mappings exist: read it lazily
    BodySizeLimit(Instance<HttpLimitSettings> settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 1000);
    }

    private void check(RoutingContext context) {
        if (maxBytes < 0) {
            maxBytes = settings.get().maxBodySize().asLongValue();
        }
        String length = context.request().getHeader("Content-Length");
        long announced;
        try {
            announced = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            announced = Long.MAX_VALUE;
        }
        if (announced > maxBytes) {
            Problem problem = Problem.invalid(413, "Content Too Large", List.of(new Violation("body", "max-body-size",
                    "a body is at most " + maxBytes + " bytes")));
            try {
                context.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(json.writeValueAsString(problem));
            } catch (JsonProcessingException e) {
                context.response().setStatusCode(413).end();
            }
            return;
        }
        context.next();
    }
}
