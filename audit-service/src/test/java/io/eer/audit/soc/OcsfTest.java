package io.eer.audit.soc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class OcsfTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode line(String type, String data) throws Exception {
        return JSON.readTree("""
                {"index":5,"recordedAt":"2026-01-01T10:00:01.000000Z","topic":"eer.x","partition":0,"offset":1,
                 "leaf":"aa","chain":"bb","event":{"id":"e-1","source":"/eer/x","specversion":"1.0","subject":"r-1",
                 "time":"2026-01-01T10:00:00Z","type":"%s","data":%s}}""".formatted(type, data));
    }

    @Test
    void alert_isADetectionFinding_withItsSeverity() throws Exception {
        JsonNode record = Ocsf.map(line("io.eer.AlertRaised.v1",
                "{\"alertId\":\"a\",\"rule\":\"late-revocation\",\"severity\":\"CRITICAL\",\"detail\":\"d\"}"), null);
        assertThat(record.path("class_uid").asInt()).isEqualTo(2004);
        assertThat(record.path("severity_id").asInt()).isEqualTo(5);
        assertThat(record.path("finding_info").path("title").asText()).isEqualTo("late-revocation");
    }

    @Test
    void refusalsAndUnknownTypes_areBaseEvents_refusalsFailed() throws Exception {
        JsonNode denied = Ocsf.map(line("io.eer.Denied.v1", "{\"approver\":\"sam\"}"), null);
        assertThat(denied.path("class_uid").asInt()).isZero();
        assertThat(denied.path("status_id").asInt()).isEqualTo(2);
        assertThat(denied.path("actor").path("user").path("uid").asText()).isEqualTo("sam");
        JsonNode unknown = Ocsf.map(line("io.eer.SomethingNew.v2", "{}"), null);
        assertThat(unknown.path("activity_name").asText()).isEqualTo("SomethingNew");
        assertThat(unknown.path("time").asLong()).isEqualTo(1767261600000L);
        assertThat(unknown.path("metadata").path("sequence").asLong()).isEqualTo(5);
    }

    @Test
    void sessionAction_verbs_mapToApiActivities() throws Exception {
        Ocsf.GrantInfo grant = new Ocsf.GrantInfo("ann", "db", "admin");
        assertThat(Ocsf.map(line("io.eer.SessionActionLogged.v1", "{\"action\":\"select\"}"), grant)
                .path("activity_id").asInt()).isEqualTo(2);
        assertThat(Ocsf.map(line("io.eer.SessionActionLogged.v1", "{\"action\":\"INSERT INTO\"}"), grant)
                .path("activity_id").asInt()).isEqualTo(1);
        assertThat(Ocsf.map(line("io.eer.SessionActionLogged.v1", "{\"action\":\"VACUUM\"}"), grant)
                .path("activity_id").asInt()).isEqualTo(99);
    }
}
