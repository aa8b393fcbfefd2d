package io.eer.gateway.infra.out;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.Topics;
import io.eer.contracts.events.SessionActionLogged;
import io.eer.gateway.domain.SessionAction;
import io.eer.gateway.domain.StatementKind;
import io.eer.support.eventsourcing.EventMapping;
import io.eer.support.eventsourcing.StoredForm;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;

/**
 * The gateway's session actions as {@code SessionActionLogged} on {@code eer.gateway}: {@code object} lists the
 * objects the statement names (comma-separated, absent when none), {@code source} is {@code session-gateway}.
 */
@ApplicationScoped
public class GatewayEvents implements EventMapping<SessionAction> {

    public static final String SOURCE = "session-gateway";

    @Override
    public StoredForm toStored(SessionAction a) {
        return new StoredForm.Published(Topics.GATEWAY, new SessionActionLogged(a.grantId(), a.requestId(),
                a.sessionId(), a.action(), a.objects().isEmpty() ? null : String.join(",", a.objects()), a.at(),
                SOURCE, a.kind() == null ? null : a.kind().name(), a.statement(),
                a.truncated()));
    }

    @Override
    public SessionAction fromPublished(EventEnvelope envelope) {
        SessionActionLogged e = (SessionActionLogged) envelope.data();
        List<String> objects = e.object() == null ? List.of() : Arrays.asList(e.object().split(","));
        return new SessionAction(e.grantId(), e.requestId(), e.sessionId(), e.action(), objects,
                e.kind() == null ? null : StatementKind.valueOf(e.kind()), e.statement(),
                e.truncated(), e.at());
    }

    @Override
    public SessionAction fromInternal(String name, JsonNode body) {
        throw new IllegalArgumentException("the gateway stores no internal events (" + name + ")");
    }
}
