package io.eer.gateway.domain;

import java.time.Instant;
import java.util.List;

/**
 * The gateway's one event: something done in a gateway session, in the order the client sent it. {@code action} is
 * {@code connect}, {@code query} (simple protocol), {@code execute} (extended protocol), {@code disconnect} or
 * {@code cut-off}; statement fields are empty for the others. Never carries a secret or a bound parameter value.
 */
public record SessionAction(String grantId, String requestId, String sessionId, String action, List<String> objects,
        StatementKind kind, String statement, boolean truncated, Instant at) {

    public SessionAction {
        objects = List.copyOf(objects);
    }
}
