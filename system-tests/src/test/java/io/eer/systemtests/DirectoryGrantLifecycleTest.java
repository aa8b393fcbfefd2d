package io.eer.systemtests;

import static io.eer.systemtests.Actors.ALICE;
import static io.eer.systemtests.Actors.AUDITOR;
import static io.eer.systemtests.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.eer.support.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * System test 1 on the LDAP target (issue #13, done when): an on-call identity engineer's emergency access to
 * corp-directory is a membership of cn=corp_admins in the stack's real LDAP directory (read back over LDAP), removed
 * at the deadline; the review shows the grant, unused, with its {@code never-used} finding.
 */
class DirectoryGrantLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GROUP = "corp_admins";

    @Test
    @SuppressWarnings("unchecked")
    void emergencyDirectoryAdmin_joinsTheGroup_leavesItAtTheDeadline_reviewedAsNeverUsed() {
        long started = System.nanoTime();
        // in directory-seed.ldif as uid=erin,ou=people: the beneficiary's own entry joins the group
        String erin = TestTokens.employee("erin", "oncall-identity");
        TestDirectory directory = EerStack.get().directory();
        String member = TestDirectory.personDn("erin");
        assertThat(directory.members(GROUP)).doesNotContain(member);

        String requestId = as(erin, "request").body("""
                {"kind":"EMERGENCY","origin":"EMPLOYEE_SELF","system":"corp-directory","role":"corp_admins",
                 "duration":"PT10S","justification":"Directory admins locked out during INC-4711","incident":"INC-4711"}
                """).post("/v1/requests").then().statusCode(201).extract().path("requestId");
        // EXPEDITED: one secops approver (with fresh MFA)
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(
                as(ALICE, "approval").get("/v1/approvals?status=pending&limit=1000").then().statusCode(200)
                        .extract().<List<String>>path("requestId")).contains(requestId));
        // a fresh token: the rule wants the approver's MFA at most 15 minutes old
        as(TestTokens.employee("alice", "secops"), "approval").body("{\"decision\":\"APPROVE\"}")
                .post("/v1/approvals/" + requestId + "/decisions").then().statusCode(200)
                .body("status", equalTo("APPROVED"));

        // the grant: erin's entry is a member of the group, as any LDAP client sees it
        // (read first: the window is the grant's 10 s, whatever the services take to show the grant id)
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(directory.members(GROUP)).contains(member));

        String grantId = await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(
                () -> as(erin, "request").get("/v1/requests/" + requestId).then().statusCode(200)
                        .extract().<String>path("grantId"), id -> id != null);
        as(erin, "grant").get("/v1/grants/" + grantId).then().statusCode(200).body("connector", equalTo("ldap"))
                .body("system", equalTo("corp-directory"));
        // the deadline: the membership is removed, and the revocation confirmed by reading it back
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> as(erin, "grant")
                .get("/v1/grants/" + grantId).then().body("status", equalTo("REVOKED"))
                .body("revocationReason", equalTo("EXPIRED")).body("confirmed", equalTo(true)));
        assertThat(directory.members(GROUP)).as("the deadline removed the membership").doesNotContain(member);

        String reviewId = Actors.awaitReview(ALICE, requestId);
        Map<String, Object> review = as(ALICE, "review").get("/v1/reviews/" + reviewId).then().statusCode(200)
                .body("grantId", equalTo(grantId)).body("system", equalTo("corp-directory"))
                .body("role", equalTo(GROUP)).body("attestationRequired", equalTo(true))
                .extract().as(Map.class);
        assertThat((List<Map<String, Object>>) review.get("automaticFindings")).extracting(f -> f.get("rule"))
                .containsExactly("never-used");
        Map<String, Object> pack = as(ALICE, "review").get("/v1/reviews/" + reviewId + "/evidence").then()
                .statusCode(200).extract().as(Map.class);
        assertThat((Map<String, Object>) pack.get("grant")).containsEntry("grantId", grantId)
                .containsEntry("system", "corp-directory");
        assertThat((Map<String, Object>) pack.get("revocation")).containsEntry("reason", "EXPIRED")
                .containsEntry("confirmed", true);

        await().atMost(WAIT).untilAsserted(() -> assertThat(as(AUDITOR, "audit")
                .get("/v1/requests/" + requestId + "/timeline").then().statusCode(200)
                .extract().<List<String>>path("events.type")).containsSubsequence("io.eer.EmergencyRequested.v1",
                        "io.eer.Approved.v1", "io.eer.AccessGranted.v1", "io.eer.AccessExpired.v1",
                        "io.eer.AccessRevoked.v1", "io.eer.ReviewScheduled.v1"));
        System.out.printf("SYSTEM-TEST-DURATION DirectoryGrantLifecycleTest %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
    }
}
