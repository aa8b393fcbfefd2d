package io.eer.audit.ledger.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.ledger.format.EventKind;
import io.eer.ledger.format.LedgerFact;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * Who may read a request's timeline: auditors and admins, and the requester themself, as recorded in the request's
 * own {@code EmergencyRequested} or {@code RequestRejected} event ({@code data.requester.id}).
 */
public final class TimelineAccess {

    public static final Set<String> READER_GROUPS = Set.of("auditors", "eer-admins");

    private TimelineAccess() {
    }

    /** {@code events}: the request's CloudEvents as recorded in the ledger. */
    public static boolean mayRead(String callerId, Collection<String> callerGroups, Collection<JsonNode> events) {
        if (callerGroups.stream().anyMatch(READER_GROUPS::contains)) {
            return true;
        }
        return callerId != null && events.stream()
                .map(event -> LedgerFact.of(0, Instant.EPOCH, event, null))
                .filter(fact -> fact.is(EventKind.EMERGENCY_REQUESTED) || fact.is(EventKind.REQUEST_REJECTED))
                .map(fact -> fact.data().path("requester").path("id"))
                // only a JSON string names a requester (a number 5 is not the caller "5")
                .anyMatch(requester -> requester.isTextual() && requester.asText().equals(callerId));
    }
}
