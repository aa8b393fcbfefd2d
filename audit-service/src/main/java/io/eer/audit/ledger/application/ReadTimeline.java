package io.eer.audit.ledger.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.audit.ledger.infra.out.LedgerStore;
import io.eer.ledger.format.LedgerRecord;
import io.eer.ledger.format.StoredEntry;
import io.eer.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** One request's events in ledger order, read through the {@code ledger_subject} projection. */
@ApplicationScoped
public class ReadTimeline {

    private final LedgerStore store;

    ReadTimeline(LedgerStore store) {
        this.store = store;
    }

    public record Timeline(String requestId, List<TimelineEvent> events) {
    }

    /** One event: its ledger position and time, and the CloudEvent's id, type, time, source and data. */
    public record TimelineEvent(long index, String id, String type, String time, String recordedAt, String source,
            JsonNode data) {
    }

    /** 404 when the ledger holds nothing for {@code requestId}; 403 when {@code caller} may not read it. */
    public Uni<Timeline> execute(String requestId, Caller caller) {
        return store.entriesOf(requestId).map(entries -> {
            if (entries.isEmpty()) {
                throw Refused.notFound("request " + requestId);
            }
            List<TimelineEvent> events = new ArrayList<>();
            List<JsonNode> cloudEvents = new ArrayList<>();
            for (StoredEntry entry : entries) {
                JsonNode event = entry.event().orElseThrow(() -> new IllegalStateException(
                        "ledger entry " + entry.index() + " is unreadable; run GET /v1/audit/verify"));
                cloudEvents.add(event);
                events.add(new TimelineEvent(entry.index(), event.path("id").asText(), event.path("type").asText(),
                        event.path("time").asText(), LedgerRecord.formatTime(entry.recordedAt()),
                        event.path("source").asText(), event.get("data")));
            }
            if (!TimelineAccess.mayRead(caller.id(), caller.groups(), cloudEvents)) {
                throw Refused.forbidden("a timeline is visible to the groups auditors and eer-admins "
                        + "and to the person who made the request");
            }
            return new Timeline(requestId, events);
        });
    }
}
