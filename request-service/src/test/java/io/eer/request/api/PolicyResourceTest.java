package io.eer.request.api;

import static io.eer.request.api.Fixtures.ADMIN;
import static io.eer.request.api.Fixtures.ASYNC;
import static io.eer.request.api.Fixtures.CAROL;
import static io.eer.request.api.Fixtures.REQUESTS;
import static io.eer.request.api.Fixtures.as;
import static io.eer.request.api.Fixtures.breakGlass;
import static io.eer.request.api.Fixtures.events;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.eer.contracts.events.EmergencyRequested;
import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The active policy: read it, load a new version without a restart, refuse a bad one. */
@QuarkusTest
class PolicyResourceTest {

    private static final String YAML = "application/yaml";
    private static TopicProbe requests;
    private static String local;
    private static String localVersion;

    @BeforeAll
    static void setUp() throws IOException {
        requests = new TopicProbe(REQUESTS);
        local = Files.readString(Path.of("../deploy/local/policy.yaml"));
        localVersion = local.lines().filter(l -> l.startsWith("version:")).findFirst().orElseThrow()
                .replace("version:", "").replace("\"", "").trim();
    }

    @AfterAll
    static void close() {
        requests.close();
    }

    @AfterEach
    void restoreTheConfiguredPolicy() {
        given().auth().oauth2(ADMIN).post("/v1/policy:reload").then().statusCode(200)
                .body("version", equalTo(localVersion));
    }

    private static String newVersion() {
        String version = "test-" + UUID.randomUUID();
        return local.replace("version: \"" + localVersion + "\"", "version: \"" + version + "\"");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String versionOf(String yaml) {
        return yaml.lines().filter(l -> l.startsWith("version:")).findFirst().orElseThrow()
                .replace("version:", "").replace("\"", "").trim();
    }

    @Test
    void get_showsTheActiveVersionToAnyCaller() {
        given().auth().oauth2(CAROL).get("/v1/policy").then().statusCode(200)
                .body("id", equalTo("eer-local"))
                .body("version", equalTo(localVersion))
                .body("sha256", notNullValue())
                .body("systems.id", hasItems("payments-db", "hr-portal"))
                .body("rules.id", hasItems("break-glass-dba", "jit-dba", "emergency-app-oncall", "jit-hr-admin"))
                .body("rules.find { it.id == 'break-glass-dba' }.approval.mode", equalTo("PRE_APPROVED"))
                .body("rules.find { it.id == 'break-glass-dba' }.duration.max", equalTo("PT1H"))
                .body("rules.find { it.id == 'emergency-app-oncall' }.approval.escalation",
                        hasItems("dba-leads", "eer-admins"));
        given().get("/v1/policy").then().statusCode(401);
    }

    @Test
    void put_validPolicy_becomesActiveWithoutRestart_andDecisionsNameIt() {
        String yaml = newVersion().replace("duration: { default: PT30M, max: PT1H }",
                "duration: { default: PT30M, max: PT3H }");
        String version = versionOf(yaml);

        given().auth().oauth2(ADMIN).contentType(YAML).body(bytes(yaml)).put("/v1/policy")
                .then().statusCode(200)
                .body("version", equalTo(version))
                .body("previous.version", equalTo(localVersion))
                .body("loadedBy", equalTo("erin"));
        given().auth().oauth2(CAROL).get("/v1/policy").then().body("version", equalTo(version));

        String requestId = as(CAROL).body(breakGlass("under the new version").replace("PT30M", "PT2H"))
                .post("/v1/requests").then().statusCode(201).extract().path("requestId");
        EmergencyRequested requested = await().atMost(ASYNC).until(() -> events(requests, EmergencyRequested.class,
                requestId), list -> !list.isEmpty()).get(0);
        assertThat(requested.policy().version()).isEqualTo(version);
        assertThat(Fixtures.count("select count(*) from policy_version where policy_id = 'eer-local' and version = ?",
                version)).isEqualTo(1);
    }

    @Test
    void put_invalidPolicy_is422NamingLineAndField_andTheActiveOneStays() {
        String yaml = newVersion().replace("duration: { default: PT1H, max: PT8H }",
                "duration: { default: PT1H, max: 8 hours }");
        String before = yaml.substring(0, yaml.indexOf("max: 8 hours"));
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        // the rule's index in the local policy: how many rules start between "rules:" and the broken line
        String field = "rules[" + (before.substring(before.indexOf("\nrules:")).split("\n  - id: ", -1).length - 2)
                + "].duration.max";

        given().auth().oauth2(ADMIN).contentType(YAML).body(bytes(yaml)).put("/v1/policy")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo(field))
                .body("violations[0].line", equalTo(line))
                .body("violations[0].message", containsString("policy line " + line + ", " + field))
                .body("detail", containsString("active policy is unchanged"));
        given().auth().oauth2(CAROL).get("/v1/policy").then().body("version", equalTo(localVersion));
        as(CAROL).body(breakGlass("still the old policy").replace("PT30M", "PT2H")).post("/v1/requests")
                .then().statusCode(422).body("violations.rule", hasItem("max-duration"));
    }

    @Test
    void put_yamlSyntaxError_is422WithTheLine() {
        given().auth().oauth2(ADMIN).contentType(YAML).body(bytes("id: x\nversion: \"1\"\nsystems: [a,\n  b: c\n"))
                .put("/v1/policy")
                .then().statusCode(422).body("violations[0].message", containsString("YAML syntax"))
                .body("violations[0].line", notNullValue());
    }

    @Test
    void put_knownVersionWithOtherContent_isRefused() {
        String changed = local.replace("max: PT8H", "max: PT7H");

        given().auth().oauth2(ADMIN).contentType(YAML).body(bytes(changed)).put("/v1/policy")
                .then().statusCode(422).body("violations[0].field", equalTo("version"))
                .body("violations[0].message", containsString("change the version"));
        given().auth().oauth2(ADMIN).contentType(YAML).body(bytes(local)).put("/v1/policy").then().statusCode(200);
    }

    @Test
    void put_byANonAdmin_isForbidden_andWrongContentTypeIs415() {
        given().auth().oauth2(CAROL).contentType(YAML).body(bytes(newVersion())).put("/v1/policy")
                .then().statusCode(403).body("violations[0].rule", equalTo("admin-group"));
        given().auth().oauth2(CAROL).post("/v1/policy:reload").then().statusCode(403);
        given().auth().oauth2(ADMIN).contentType("application/json").body("{}").put("/v1/policy")
                .then().statusCode(415).body("violations[0].field", equalTo("Content-Type"));
        given().auth().oauth2(CAROL).get("/v1/policy").then().body("version", equalTo(localVersion));
    }
}
