package io.eer.audit.insight.application;

import io.eer.audit.ledger.config.AuditSettings;
import io.eer.audit.ledger.infra.out.SequenceGapRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Raises {@code ledger-gap} (CRITICAL) for every gap in a producer's sequence open longer than
 * {@code eer.audit.gap-alert-after}, once per gap: the row is marked {@code alerted} in the transaction that raises
 * the alert (rows claimed {@code FOR UPDATE SKIP LOCKED}, so two instances never raise the same one; the alert's
 * (rule, key) is unique anyway). The parts of a gap that is later partly filled keep the mark.
 */
@ApplicationScoped
public class GapAlerts {

    private static final Logger LOG = Logger.getLogger(GapAlerts.class);
    private static final int BATCH = 100;

    private final AlertDispatcher alerts;
    private final Clock clock;
    private final Duration bound;

    GapAlerts(AlertDispatcher alerts, Clock clock, AuditSettings settings) {
        this.alerts = alerts;
        this.clock = clock;
        this.bound = settings.gapAlertAfter();
    }

    @Scheduled(every = "${eer.audit.gap-check-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return Panache.withTransaction(this::checkOnce)
                .onFailure().invoke(e -> LOG.warnf("gap check will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    Uni<Void> checkOnce() {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                select * from sequence_gap where not alerted and open_since < ?1
                order by open_since, id limit %d for update skip locked""".formatted(BATCH), SequenceGapRow.class)
                .setParameter(1, clock.instant().minus(bound))
                .getResultList())
                .chain(rows -> {
                    rows.forEach(row -> row.alerted = true);
                    List<AlertRules.Alert> raised = rows.stream()
                            .map(row -> AlertRules.gap(row.producer, row.firstMissing, row.lastMissing, row.openSince))
                            .toList();
                    return alerts.raise(raised);
                });
    }
}
