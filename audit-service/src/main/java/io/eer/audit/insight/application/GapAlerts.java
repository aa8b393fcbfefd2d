package io.eer.audit.insight.application;

import io.eer.audit.ledger.config.AuditSettings;
import io.eer.audit.ledger.infra.out.SequenceGapRow;
import io.eer.support.poll.DueWork;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * Raises {@code ledger-gap} (CRITICAL) for every gap in a producer's sequence open longer than
 * {@code eer.audit.gap-alert-after}, once per gap: due-row work for service-support's {@code DuePoller} (started by
 * {@code insight.infra.in.InsightPollers}), which claims the due gaps {@code FOR UPDATE SKIP LOCKED} (two instances
 * never raise the same one; the alert's (rule, key) is unique anyway); {@link #raise} marks the row {@code alerted} in
 * the transaction that raises the alert. The parts of a gap that is later partly filled keep the mark.
 */
@ApplicationScoped
public class GapAlerts {

    public static final String JOB = "audit-gap-alerts";
    private static final int BATCH = 100;

    private final AlertDispatcher alerts;
    private final AuditSettings settings;

    GapAlerts(AlertDispatcher alerts, AuditSettings settings) {
        this.alerts = alerts;
        this.settings = settings;
    }

    /** Gaps not alerted yet and open longer than the bound, oldest first. */
    public DueWork work() {
        // the bound comes from typed config (a Duration), never from input: safe to write into the predicate
        String seconds = BigDecimal.valueOf(settings.gapAlertAfter().toMillis(), 3).toPlainString();
        String due = "not alerted and open_since + make_interval(secs => " + seconds + ") < ?1";
        Duration interval = settings.gapCheckInterval();
        return new DueWork(JOB, "sequence_gap", "id", due, "open_since, id", interval, BATCH, this::raise);
    }

    /** Raises the alert for one claimed gap and marks it, in the claiming transaction. */
    Uni<Void> raise(String id) {
        return SequenceGapRow.<SequenceGapRow>findById(Long.valueOf(id)).chain(row -> {
            row.alerted = true;
            return alerts.raise(List.of(AlertRules.gap(row.producer, row.firstMissing, row.lastMissing,
                    row.openSince)));
        });
    }
}
