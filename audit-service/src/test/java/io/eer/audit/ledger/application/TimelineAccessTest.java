package io.eer.audit.ledger.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.contracts.EventCodec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimelineAccessTest {

    private static JsonNode event(String type, String requester) throws Exception {
        return EventCodec.mapper().readTree("""
                {"type":"%s","data":{"requestId":"r-1","requester":{"id":"%s","type":"EMPLOYEE","groups":[]}}}
                """.formatted(type, requester));
    }

    @Test
    void mayRead_auditorsAndAdmins_always() throws Exception {
        List<JsonNode> events = List.of(event("io.eer.EmergencyRequested.v1", "carol"));
        assertThat(TimelineAccess.mayRead("ava", Set.of("auditors"), events)).isTrue();
        assertThat(TimelineAccess.mayRead("root", Set.of("eer-admins"), events)).isTrue();
    }

    @Test
    void mayRead_requesterOfRequestedOrRejected_only() throws Exception {
        assertThat(TimelineAccess.mayRead("carol", Set.of("oncall-dba"),
                List.of(event("io.eer.EmergencyRequested.v1", "carol")))).isTrue();
        assertThat(TimelineAccess.mayRead("carol", Set.of(),
                List.of(event("io.eer.RequestRejected.v1", "carol")))).isTrue();
        assertThat(TimelineAccess.mayRead("mallory", Set.of("oncall-dba", "secops"),
                List.of(event("io.eer.EmergencyRequested.v1", "carol")))).isFalse();
        // a requester-looking field on another event type grants nothing
        assertThat(TimelineAccess.mayRead("carol", Set.of(),
                List.of(event("io.eer.Approved.v1", "carol")))).isFalse();
    }
}
