package io.eer.request.api;

import static io.eer.request.api.Fixtures.CAROL;
import static io.eer.request.api.Fixtures.LEE;
import static io.eer.request.api.Fixtures.as;
import static io.eer.request.api.Fixtures.breakGlass;
import static io.eer.request.api.Fixtures.onBehalf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The evaluation says plainly how far an ON_BEHALF beneficiary was checked (the local policy's rule). */
@QuarkusTest
class OnBehalfEvaluationTest {

    @Test
    void evaluate_onBehalf_showsThatTheSupervisorsWordIsTaken() {
        as(LEE).body(onBehalf("dave", "CONTRACTOR", "new contractor needs a look")).post("/v1/requests:evaluate")
                .then().statusCode(200)
                .body("allowed", equalTo(true))
                .body("rule", equalTo("jit-dba-on-behalf"))
                .body("beneficiaryCheck", equalTo("SUPERVISOR_ASSERTED"));
    }

    @Test
    void evaluate_selfRequest_hasNoBeneficiaryCheck() {
        as(CAROL).body(breakGlass("db locked")).post("/v1/requests:evaluate").then().statusCode(200)
                .body("allowed", equalTo(true))
                .body("beneficiaryCheck", nullValue());
    }

    @Test
    void policy_showsEachOnBehalfRulesBeneficiaryCheck() {
        as(CAROL).get("/v1/policy").then().statusCode(200)
                .body("rules.find { it.id == 'jit-dba-on-behalf' }.requesters.beneficiaryCheck",
                        equalTo("SUPERVISOR_ASSERTED"));
    }
}
