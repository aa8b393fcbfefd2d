package io.eer.audit.insight.application;

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
    void grantAndExpiry_areUserManagement_assignAndRemovePrivileges() throws Exception {
        JsonNode granted = Ocsf.map(line("io.eer.AccessGranted.v1",
                "{\"beneficiary\":\"ann\",\"system\":\"payments\",\"role\":\"db_admin\"}"), null);
        assertThat(granted.path("class_uid").asInt()).isEqualTo(3007);
        assertThat(granted.path("type_uid").asLong()).isEqualTo(300714);
        assertThat(granted.path("privileges").get(0).asText()).isEqualTo("db_admin");
        assertThat(granted.path("resources").get(0).path("uid").asText()).isEqualTo("payments");
        JsonNode expired = Ocsf.map(line("io.eer.AccessExpired.v1", "{\"grantId\":\"g-1\"}"),
                new Ocsf.GrantInfo("ann", "payments", "db_admin"));
        assertThat(expired.path("type_uid").asLong()).isEqualTo(300715);
        assertThat(expired.path("activity_name").asText()).isEqualTo("Remove Privileges");
        assertThat(expired.path("user").path("uid").asText()).isEqualTo("ann");
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
