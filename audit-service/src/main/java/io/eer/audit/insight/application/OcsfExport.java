package io.eer.audit.insight.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.audit.insight.projection.GrantView;
import io.eer.audit.ledger.infra.out.LedgerQueries;
import io.eer.ledger.format.LedgerFact;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Turns a stream of ledger export lines into OCSF records. Revocations, expiries and session actions name only
 * their grant; its beneficiary, system and role come from the grant projection, or from the grant's
 * {@code AccessGranted} entry in the ledger when the projection does not have it, cached per export.
 */
@ApplicationScoped
public class OcsfExport {

    private static final Set<String> NAME_ONLY_THE_GRANT = Set.of(LedgerFact.ACCESS_REVOKED,
            LedgerFact.ACCESS_EXPIRED, LedgerFact.SESSION_ACTION_LOGGED);

    private final Mutiny.SessionFactory sessions;
    private final LedgerQueries queries;

    OcsfExport(Mutiny.SessionFactory sessions, LedgerQueries queries) {
        this.sessions = sessions;
        this.queries = queries;
    }

    public Multi<ObjectNode> map(Multi<ObjectNode> lines) {
        Map<String, Optional<Ocsf.GrantInfo>> grants = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Optional<Ocsf.GrantInfo>> eldest) {
                return size() > 10_000;
            }
        };
        return lines.onItem().transformToUniAndConcatenate(line -> {
            JsonNode event = line.path("event");
            JsonNode grantId = event.path("data").path("grantId");
            if (!NAME_ONLY_THE_GRANT.contains(event.path("type").asText()) || !grantId.isTextual()) {
                return Uni.createFrom().item(Ocsf.map(line, null));
            }
            Optional<Ocsf.GrantInfo> cached = grants.get(grantId.asText());
            Uni<Optional<Ocsf.GrantInfo>> grant = cached != null ? Uni.createFrom().item(cached)
                    : lookUp(grantId.asText()).invoke(found -> grants.put(grantId.asText(), found));
            return grant.map(found -> Ocsf.map(line, found.orElse(null)));
        });
    }

    private Uni<Optional<Ocsf.GrantInfo>> lookUp(String grantId) {
        return sessions.withStatelessSession(session -> session.get(GrantView.class, grantId)).chain(view -> {
            if (view != null) {
                return Uni.createFrom().item(Optional.of(new Ocsf.GrantInfo(view.beneficiary, view.system,
                        view.role)));
            }
            return queries.granted(grantId).map(entry -> entry.flatMap(LedgerFact::of)
                    .map(fact -> new Ocsf.GrantInfo(fact.text("beneficiary"), fact.text("system"),
                            fact.text("role"))));
        });
    }
}
