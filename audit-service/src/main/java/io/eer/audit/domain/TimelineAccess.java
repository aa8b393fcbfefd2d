package io.eer.audit.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Set;

/**
 * Who may read a request's timeline: auditors and admins, and the requester themself, as recorded in the request's
 * own {@code EmergencyRequested} or {@code RequestRejected} event ({@code data.requester.id}).
 */
public final class TimelineAccess {

    public static final Set<String> READER_GROUPS = Set.of("auditors", "eer-admins");
    static final Set<String> REQUEST_TYPES = Set.of("io.eer.EmergencyRequested.v1", "io.eer.RequestRejected.v1");

    private TimelineAccess() {
    }

    /** {@code events}: the request's CloudEvents as recorded in the ledger. */
    public static boolean mayRead(String callerId, Collection<String> callerGroups, Collection<JsonNode> events) {
        if (callerGroups.stream().anyMatch(READER_GROUPS::contains)) {
            return true;
        }
        return callerId != null && events.stream()
                .filter(event -> REQUEST_TYPES.contains(event.path("type").asText()))
                .map(event -> event.path("data").path("requester").path("id"))
                .anyMatch(requester -> requester.isTextual() && requester.asText().equals(callerId));
    }
}
