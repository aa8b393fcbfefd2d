package io.eer.request.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.eer.support.observability.RequestIds;
import io.eer.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/requests} names no request in its path, so the REST filter cannot put the request id into the log
 * context; the handler does as soon as it makes the id, so the lines of that call carry it (JSON: mdc.requestId).
 */
@QuarkusTest
class RequestIdLogTest {

    private static final String CAROL = TestTokens.contractor("carol", "oncall-dba");

    /** What each record logged under io.eer.request had in the log context when it was logged. */
    private final List<String[]> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String mdc = record instanceof ExtLogRecord ext ? ext.getMdc(RequestIds.KEY) : null;
            lines.add(new String[] {record.getMessage() == null ? "" : String.valueOf(record.getMessage()),
                    String.valueOf(mdc), record.getLoggerName()});
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("io.eer.request").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("io.eer.request").removeHandler(capture);
    }

    @Test
    void submit_logsWithTheNewRequestsId_inTheLogContext() {
        String requestId = submit("payments-db", "db_admin", 201);

        // logged after the aggregate's database round trips: the id travelled with the call's context
        assertThat(submittedLines()).as("the submit line's requestId").contains(requestId);
    }

    @Test
    void rejectedRequest_isNamedToo() {
        // break-glass on a system that is not critical: refused by policy (422), still a request with an id
        String requestId = submit("hr-portal", "viewer", 422);

        assertThat(requestId).isNotBlank();
        assertThat(submittedLines()).as("the submit line's requestId").contains(requestId);
    }

    /** The new request's id, from the EER-Request-Id header every answer of POST /v1/requests carries. */
    private static String submit(String system, String role, int status) {
        return given().auth().oauth2(CAROL).contentType(ContentType.JSON).body("""
                        {"kind":"EMERGENCY","origin":"CONTRACTOR_SELF","system":"%s","role":"%s",
                         "duration":"PT30S","justification":"Locked during INC-78","incident":"INC-78"}
                        """.formatted(system, role))
                .post("/v1/requests").then().statusCode(status).extract().header("EER-Request-Id");
    }

    /** The requestId in the log context of each "request submitted" line. */
    private List<String> submittedLines() {
        return lines.stream().filter(l -> l[0].startsWith("request submitted")).map(l -> l[1]).toList();
    }
}
