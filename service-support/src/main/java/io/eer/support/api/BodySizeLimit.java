package io.eer.support.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.support.problem.Problem;
import io.eer.support.problem.Problem.Violation;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * A body announced larger than {@code eer.http.max-body-size} is refused with 413 problem+json before a byte of
 * it is read. quarkus.http.limits.max-body-size (the same value) still stops a chunked body that grows past it.
 */
@Singleton
public class BodySizeLimit {

    private final long maxBytes;
    private final ObjectMapper json;

    BodySizeLimit(HttpLimitSettings settings, ObjectMapper json) {
        this.maxBytes = settings.maxBodySize().asLongValue();
        this.json = json;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 1000);
    }

    private void check(RoutingContext context) {
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
