package io.eer.audit.insight.application;

import io.eer.audit.insight.config.ProjectionSettings;
import io.eer.audit.insight.projection.GrantView;
import io.eer.audit.insight.projection.ProjectionPositionRow;
import io.eer.audit.insight.projection.ReviewView;

import io.eer.audit.insight.config.SocSettings;
import io.eer.audit.ledger.config.AuditSettings;
import io.eer.audit.ledger.infra.out.LedgerStore;
import io.eer.ledger.format.LedgerFact;
import io.eer.ledger.format.StoredEntry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Follows the ledger by index with its own position row ({@code projection_position}) and applies each entry to the
 * projections and to the alert rules, a batch per transaction, the position moving in the same transaction. A
 * rebuild is the same code run from index 0 up to the live position, in one transaction that holds the position
 * row: appends to the ledger go on meanwhile (they never touch that row), the live projector waits, readers keep
 * seeing the old rows until the rebuilt ones commit, and then the live projector carries on from where it was.
 */
@ApplicationScoped
public class Projector {

    private static final Logger LOG = Logger.getLogger(Projector.class);

    private final LedgerStore ledger;
    private final ProjectionUpdater updater;
    private final AlertDispatcher alerts;
    private final AlertRules rules;
    private final Clock clock;
    private final ProjectionSettings settings;
    private final SocSettings soc;
    private final int chunkSize;
    private volatile Instant nextCheck = Instant.MIN;

    Projector(LedgerStore ledger, ProjectionUpdater updater, AlertDispatcher alerts, Clock clock,
            ProjectionSettings settings, SocSettings soc, AuditSettings audit) {
        this.ledger = ledger;
        this.updater = updater;
        this.alerts = alerts;
        this.clock = clock;
        this.settings = settings;
        this.soc = soc;
        this.chunkSize = audit.chunkSize();
        this.rules = new AlertRules(new AlertRules.Thresholds(soc.alerts().refusalsInARow(),
                soc.alerts().lateRevocationThreshold(), soc.alerts().reviewOverdueGrace()));
    }

    public record Rebuilt(long entries, long position) {
    }

    /**
     * One live batch in a transaction of its own (triggered by {@code insight.infra.in.ProjectionTrigger}); answers
     * whether it was full, i.e. more may be waiting. Off when {@code eer.projection.enabled} is false.
     */
    public Uni<Boolean> follow() {
        if (!settings.enabled()) {
            return Uni.createFrom().item(false);
        }
        return Panache.withTransaction(this::followOnce); // a failure is logged by the trigger's job; it retries
    }

    /** One batch: lock the position (skip if a rebuild or another instance holds it), apply, move the position. */
    Uni<Boolean> followOnce() {
        return lockPosition(true).chain(position -> {
            if (position.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            ProjectionPositionRow row = position.get();
            return ledger.entries(row.nextIndex, Long.MAX_VALUE, settings.batchSize())
                    .chain(batch -> applyAll(batch, true).invoke(() -> {
                        if (!batch.isEmpty()) {
                            row.nextIndex = batch.get(batch.size() - 1).index() + 1;
                        }
                    }).chain(() -> batch.size() < settings.batchSize() ? timeChecks().replaceWith(false)
                            : Uni.createFrom().item(true)));
        });
    }

    /** Rebuilds every projection from index 0 to the live position; waits for the live projector's batch. */
    public Uni<Rebuilt> rebuild() {
        return Panache.withTransaction(() -> lockPosition(false).chain(position -> {
            long end = position.orElseThrow(() -> new IllegalStateException("projection_position row missing"))
                    .nextIndex;
            Uni<Void> cleared = Uni.createFrom().voidItem();
            for (String table : List.of("proj_request", "proj_grant", "proj_review", "proj_requester")) {
                cleared = cleared.chain(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery("delete from " + table).executeUpdate()))
                        .replaceWithVoid();
            }
            return cleared
                    .chain(() -> replay(0, end, 0))
                    .map(count -> new Rebuilt(count, end));
        })).invoke(rebuilt -> LOG.infof("projections rebuilt from %d ledger entries", rebuilt.entries()));
    }

    private Uni<Long> replay(long from, long end, long applied) {
        if (from >= end) {
            return Uni.createFrom().item(applied);
        }
        return ledger.entries(from, end, chunkSize).chain(chunk -> {
            if (chunk.isEmpty()) {
                return Uni.createFrom().item(applied);
            }
            long next = chunk.get(chunk.size() - 1).index() + 1;
            // flush and forget each chunk's rows, so a long ledger never piles up in the session
            return applyAll(chunk, false)
                    .chain(() -> Panache.getSession().chain(session -> session.flush().invoke(session::clear)))
                    .chain(() -> replay(next, end, applied + chunk.size()));
        });
    }

    private Uni<Void> applyAll(List<StoredEntry> entries, boolean live) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (StoredEntry entry : entries) {
            Optional<LedgerFact> fact = LedgerFact.of(entry);
            if (fact.isEmpty()) {
                LOG.errorf("ledger entry %d is unreadable and was skipped; run GET /v1/audit/verify", entry.index());
                continue;
            }
            done = done.chain(() -> apply(fact.get(), live));
        }
        return done;
    }

    private Uni<Void> apply(LedgerFact fact, boolean live) {
        return updater.load(fact).chain(loaded -> {
            // rules see the projections as they were just before this entry; a rebuild raises nothing again
            Uni<Void> raised = live ? alerts.raise(rules.evaluate(fact, loaded.context()))
                    : Uni.createFrom().voidItem();
            return raised.chain(() -> updater.apply(fact, loaded));
        });
    }

    /** Time-based rules, when the projector has caught up and the check interval has passed. */
    private Uni<Void> timeChecks() {
        Instant now = clock.instant();
        if (now.isBefore(nextCheck)) {
            return Uni.createFrom().voidItem();
        }
        nextCheck = now.plus(soc.alerts().checkInterval());
        Instant grantLimit = now.minus(soc.alerts().lateRevocationThreshold());
        Instant reviewLimit = now.minus(soc.alerts().reviewOverdueGrace());
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                select g.* from proj_grant g where g.status = 'ACTIVE' and g.expires_at < ?1 and not exists
                (select 1 from alert_fired a where a.rule = 'late-revocation' and a.alert_key = g.grant_id)
                order by g.granted_index limit 500""", GrantView.class)
                .setParameter(1, grantLimit).getResultList())
                .chain(grants -> {
                    List<AlertRules.Alert> raised = new ArrayList<>();
                    grants.forEach(grant -> raised.addAll(
                            rules.checkActiveGrant(ProjectionUpdater.grantState(grant), now)));
                    return alerts.raise(raised);
                })
                .chain(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        select r.* from proj_review r where r.status = 'SCHEDULED' and r.due_at < ?1 and not exists
                        (select 1 from alert_fired a where a.rule = 'review-overdue' and a.alert_key = r.review_id)
                        order by r.scheduled_index limit 500""", ReviewView.class)
                        .setParameter(1, reviewLimit).getResultList()))
                .chain(reviews -> {
                    List<AlertRules.Alert> raised = new ArrayList<>();
                    reviews.forEach(review -> raised.addAll(
                            rules.checkOpenReview(ProjectionUpdater.reviewState(review), now)));
                    return alerts.raise(raised);
                });
    }

    private Uni<Optional<ProjectionPositionRow>> lockPosition(boolean skipLocked) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "select * from projection_position where name = 'projections' for update"
                        + (skipLocked ? " skip locked" : ""), ProjectionPositionRow.class).getResultList())
                .map(rows -> rows.stream().findFirst());
    }

    /** The live position and the ledger size. */
    public Uni<long[]> status() {
        return Panache.withSession(() -> ProjectionPositionRow.<ProjectionPositionRow>findById(
                ProjectionPositionRow.PROJECTIONS))
                .chain(position -> ledger.head().map(head -> new long[] {position.nextIndex, head.size()}));
    }
}
