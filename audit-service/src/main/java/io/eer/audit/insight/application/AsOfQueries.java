package io.eer.audit.insight.application;

import io.eer.audit.ledger.infra.out.LedgerQueries;

import io.eer.audit.ledger.application.Refused;
import io.eer.audit.ledger.config.AuditSettings;
import io.eer.audit.ledger.infra.out.LedgerStore;
import io.eer.ledger.format.LedgerFact;
import io.eer.ledger.format.StoredEntry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Questions about the past answered from the ledger entries themselves (not from the projections): who held
 * elevated access on a system at a time, and everything one grant did. The ledger is read up to its size at the
 * start of the query, a chunk at a time, keeping only the grants of the system asked about.
 */
@ApplicationScoped
public class AsOfQueries {

    static final List<String> GRANT_TYPES = List.of(LedgerFact.ACCESS_GRANTED, LedgerFact.ACCESS_REVOKED);

    private final LedgerStore ledger;
    private final LedgerQueries queries;
    private final int chunkSize;

    AsOfQueries(LedgerStore ledger, LedgerQueries queries, AuditSettings settings) {
        this.ledger = ledger;
        this.queries = queries;
        this.chunkSize = settings.chunkSize();
    }

    /** One holder of elevated access; {@code revokedAt} null: not revoked (as of the ledger's size). */
    public record Holder(String grantId, String requestId, String beneficiary, String role, Instant grantedAt,
            Instant expiresAt, Instant revokedAt, String revokeReason, long grantedIndex, Long revokedIndex,
            boolean pastDeadline) {
    }

    public record Elevated(String system, Instant at, long ledgerSize, List<Holder> holders) {
    }

    public record Step(long index, String type, Instant time) {
    }

    public record Action(long index, Instant at, String sessionId, String action, String object, String source) {
    }

    public record GrantActivity(String grantId, String requestId, String beneficiary, String system, String role,
            Instant grantedAt, Instant expiresAt, Instant revokedAt, String revokeReason, long ledgerSize,
            List<Step> events, List<Action> actions) {
    }

    private static final class Grant {
        LedgerFact granted;
        LedgerFact revoked;
    }

    /** Who held elevated access on {@code system} at {@code at}: granted at or before it, not revoked by then. */
    public Uni<Elevated> elevatedAt(String system, Instant at) {
        return ledger.head().chain(head -> {
            Map<String, Grant> grants = new LinkedHashMap<>();
            return scan(0, head.size(), grants, system).map(ignored -> {
                List<Holder> holders = new ArrayList<>();
                grants.forEach((grantId, grant) -> {
                    if (grant.granted == null) {
                        return; // a revocation whose grant is not in the ledger
                    }
                    Instant grantedAt = grant.granted.instant("grantedAt");
                    Instant revokedAt = grant.revoked == null ? null : grant.revoked.instant("revokedAt");
                    Instant expiresAt = grant.granted.instant("expiresAt");
                    if (grantedAt != null && !grantedAt.isAfter(at) && (revokedAt == null || revokedAt.isAfter(at))) {
                        holders.add(new Holder(grantId, grant.granted.requestId(), grant.granted.text("beneficiary"),
                                grant.granted.text("role"), grantedAt, expiresAt, revokedAt,
                                grant.revoked == null ? null : grant.revoked.text("reason"), grant.granted.index(),
                                grant.revoked == null ? null : grant.revoked.index(),
                                expiresAt != null && at.isAfter(expiresAt)));
                    }
                });
                holders.sort(Comparator.comparing(Holder::grantedIndex));
                return new Elevated(system, at, head.size(), holders);
            });
        });
    }

    private Uni<Void> scan(long from, long end, Map<String, Grant> grants, String system) {
        if (from >= end) {
            return Uni.createFrom().voidItem();
        }
        return queries.ofTypes(GRANT_TYPES, from, end, chunkSize).chain(chunk -> {
            if (chunk.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            for (StoredEntry entry : chunk) {
                LedgerFact.of(entry).ifPresent(fact -> {
                    String grantId = fact.text("grantId");
                    if (grantId == null || !system.equals(fact.text("system"))) {
                        return;
                    }
                    Grant grant = grants.computeIfAbsent(grantId, id -> new Grant());
                    if (fact.is(LedgerFact.ACCESS_GRANTED) && grant.granted == null) {
                        grant.granted = fact;
                    } else if (fact.is(LedgerFact.ACCESS_REVOKED) && grant.revoked == null) {
                        grant.revoked = fact;
                    }
                });
            }
            return scan(chunk.get(chunk.size() - 1).index() + 1, end, grants, system);
        });
    }

    /** Every ledger entry about {@code grantId} (grant, session actions, expiry, revocation, review), in order. */
    public Uni<GrantActivity> grantActivity(String grantId) {
        return ledger.head().chain(head -> queries.granted(grantId).chain(found -> {
            LedgerFact granted = found.flatMap(LedgerFact::of)
                    .orElseThrow(() -> Refused.notFound("grant " + grantId));
            return ledger.entriesOf(granted.requestId()).map(entries -> {
                List<Step> steps = new ArrayList<>();
                List<Action> actions = new ArrayList<>();
                Instant revokedAt = null;
                String reason = null;
                for (StoredEntry entry : entries) {
                    if (entry.index() >= head.size()) {
                        break;
                    }
                    LedgerFact fact = LedgerFact.of(entry).orElse(null);
                    if (fact == null || !grantId.equals(fact.text("grantId"))) {
                        continue;
                    }
                    steps.add(new Step(fact.index(), fact.type(), fact.time()));
                    if (fact.is(LedgerFact.SESSION_ACTION_LOGGED)) {
                        actions.add(new Action(fact.index(), fact.instant("at"), fact.text("sessionId"),
                                fact.text("action"), fact.text("object"), fact.text("source")));
                    } else if (fact.is(LedgerFact.ACCESS_REVOKED) && revokedAt == null) {
                        revokedAt = fact.instant("revokedAt");
                        reason = fact.text("reason");
                    }
                }
                return new GrantActivity(grantId, granted.requestId(), granted.text("beneficiary"),
                        granted.text("system"), granted.text("role"), granted.instant("grantedAt"),
                        granted.instant("expiresAt"), revokedAt, reason, head.size(), steps, actions);
            });
        }));
    }
}
