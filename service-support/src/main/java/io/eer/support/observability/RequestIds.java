package io.eer.support.observability;

import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * The request id in the log context (MDC key {@value #KEY}): every line logged while a consumer handles an event
 * (its CloudEvent {@code subject}), a timer fires or a REST call names a request carries it, in JSON logs as
 * {@code mdc.requestId}, beside the {@code traceId} and {@code spanId} of the current span.
 */
public final class RequestIds {

    public static final String KEY = "requestId";
    /** Only ids that are safe in a log line (the value comes from an event or a path): anything else is not logged. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@-]{1,200}");

    private RequestIds() {
    }

    /** Puts {@code requestId} (when safe to log) into the MDC; closing restores what was there before. */
    public static Restore put(String requestId) {
        Object before = MDC.get(KEY);
        if (requestId == null || !SAFE.matcher(requestId).matches()) {
            MDC.remove(KEY); // not an outer request's id either: this work is about another (unnamed) one
        } else {
            MDC.put(KEY, requestId);
        }
        return () -> {
            if (before == null) {
                MDC.remove(KEY);
            } else {
                MDC.put(KEY, before);
            }
        };
    }

    /** Puts back the log context as it was. */
    @FunctionalInterface
    public interface Restore extends AutoCloseable {
        @Override
        void close();
    }
}
