package io.eer.audit.insight.api;

import io.eer.audit.ledger.api.AuditResource;

import io.eer.audit.insight.application.LedgerStream;
import io.eer.audit.ledger.application.TimelineAccess;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Callers;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * New ledger entries as server-sent events for SOC dashboards. The SSE {@code id} is the ledger index; a client
 * that reconnects with {@code Last-Event-ID} gets every entry after it (read from the database), then the live ones,
 * with nothing missed or repeated.
 */
@Path("/v1/audit/stream")
public class AuditStreamResource {

    private final LedgerStream stream;
    private final Callers callers;

    AuditStreamResource(LedgerStream stream, Callers callers) {
        this.stream = stream;
        this.callers = callers;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("from") String from, @QueryParam("type") List<String> types,
            @QueryParam("system") List<String> systems, @Context Sse sse) {
        if (!callers.current().inAnyGroup(TimelineAccess.READER_GROUPS)) {
            throw ProblemException.forbidden("the ledger stream is visible to the groups auditors and eer-admins");
        }
        LedgerStream.Filter filter = new LedgerStream.Filter(types(types), values(systems));
        Uni<Long> start;
        if (lastEventId != null && !lastEventId.isBlank()) {
            start = Uni.createFrom().item(index("Last-Event-ID", lastEventId) + 1);
        } else if (from != null && !from.isBlank()) {
            start = Uni.createFrom().item(index("from", from));
        } else {
            start = stream.head(); // only what is appended from now on
        }
        return start.onItem().transformToMulti(index -> stream.follow(index, filter))
                .map(item -> item.heartbeat() ? sse.newEventBuilder().comment("keep-alive").build()
                        : sse.newEventBuilder()
                                .id(Long.toString(item.entry().index()))
                                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                                .data(String.class, AuditResource.line(item.entry()).toString())
                                .build());
    }

    private static long index(String field, String text) {
        try {
            long index = Long.parseLong(text.trim());
            if (index >= 0) {
                return index;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest(field, "range", field + " must be a whole number, 0 or more (a ledger index)");
    }

    /** {@code AccessGranted} or {@code io.eer.AccessGranted.v1}; repeated or comma-separated. */
    static Set<String> types(List<String> values) {
        Set<String> types = new LinkedHashSet<>();
        for (String value : values(values)) {
            types.add(value.startsWith("io.eer.") ? value : "io.eer." + value + ".v1");
        }
        return types;
    }

    static Set<String> values(List<String> values) {
        Set<String> result = new LinkedHashSet<>();
        if (values != null) {
            for (String value : values) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        result.add(part.trim());
                    }
                }
            }
        }
        return result;
    }
}
