package io.eer.support.api;

import io.eer.support.problem.ProblemException;
import io.eer.support.security.Callers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * {@code POST /v1/admin/republish?from=N} on every service (admins only): queues this service's own events with
 * producer sequence >= N into the outbox again, same event ids and same bytes, so a consumer or the ledger that
 * lost them gets them again and everyone else drops the repeat by id. An event whose earlier copy is still waiting
 * in the outbox is not queued twice, so repeating the call before the relay ran changes nothing.
 */
@Path("/v1/admin/republish")
public class RepublishResource {

    private static final Logger LOG = Logger.getLogger(RepublishResource.class);
    static final String ADMINS = "eer-admins";

    // the first outbox row of each event carries its topic, key and bytes; later rows are earlier republishes
    private static final String REQUEUE = """
            insert into outbox (event_id, topic, record_key, payload, created_at, sequence)
            select o.event_id, o.topic, o.record_key, o.payload, ?2, o.sequence
            from outbox o
            where o.sequence >= ?1
              and o.id = (select min(f.id) from outbox f where f.event_id = o.event_id)
              and not exists (select 1 from outbox p where p.event_id = o.event_id and p.published_at is null)
            order by o.sequence""";

    private final Callers callers;
    private final Clock clock;

    RepublishResource(Callers callers, Clock clock) {
        this.callers = callers;
        this.clock = clock;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @WithTransaction
    public Uni<Map<String, Object>> republish(@QueryParam("from") String from) {
        if (!callers.current().groups().contains(ADMINS)) {
            throw ProblemException.forbidden("caller", "admin-only", "only " + ADMINS + " may republish events");
        }
        long first = first(from);
        String by = callers.current().id();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(REQUEUE)
                        .setParameter(1, first)
                        .setParameter(2, clock.instant())
                        .executeUpdate())
                .map(queued -> {
                    LOG.infof("republish from sequence %d requested by an admin: %d events queued", first, queued);
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("from", first);
                    answer.put("queued", queued);
                    return answer;
                });
    }

    private static long first(String from) {
        if (from == null || from.isBlank()) {
            throw ProblemException.badRequest("from", "required", "give the first sequence number, e.g. ?from=1");
        }
        if (!from.matches("[0-9]{1,18}")) {
            throw ProblemException.badRequest("from", "integer", "must be a decimal integer >= 1");
        }
        long value = Long.parseLong(from);
        if (value < 1) {
            throw ProblemException.badRequest("from", "min", "must be >= 1");
        }
        return value;
    }
}
