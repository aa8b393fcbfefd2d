package io.eer.audit.insight.application;

import io.eer.audit.ledger.application.DeadLetterAlarm;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Raises {@link AlertRules#LEDGER_DEAD_LETTER} for a record the ledger sent to its dead-letter topic. */
@ApplicationScoped
public class DeadLetterAlerts implements DeadLetterAlarm {

    private final AlertDispatcher alerts;

    DeadLetterAlerts(AlertDispatcher alerts) {
        this.alerts = alerts;
    }

    @Override
    public Uni<Void> deadLettered(String requestId, String coordinates, String why) {
        return alerts.raise(List.of(AlertRules.deadLettered(requestId, coordinates, why)));
    }
}
