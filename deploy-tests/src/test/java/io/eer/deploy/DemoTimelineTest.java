package io.eer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * deploy/local/demo_timeline.py, which `./eer demo` uses to print the ledger's timeline: one aligned line per event
 * (time, step, who, details), then the verify result; a ledger that does not verify makes it fail. Runs the script
 * with python3 (the demo needs it too) on a recorded timeline.
 */
class DemoTimelineTest {

    private static final Path FIXTURES = Path.of("src/test/resources/demo").toAbsolutePath();

    @Test
    void timeline_isOneAlignedLinePerEvent_withTimeStepWhoAndDetails_thenTheVerifyResult() throws Exception {
        Result result = run("verify-ok.json");

        assertThat(result.exit).isZero();
        List<String> lines = result.lines;
        assertThat(lines.get(0)).startsWith("TIME").contains("STEP", "WHO", "DETAILS");
        List<String> rows = lines.subList(1, 8);
        assertThat(rows).extracting(l -> l.substring(0, 12)).containsExactly("06:10:00.512", "06:10:00.900",
                "06:10:01.300", "06:10:02.300", "06:10:31.380", "06:10:31.700", "06:10:31.900");
        // aligned: every column starts where its header does
        int step = lines.get(0).indexOf("STEP");
        int who = lines.get(0).indexOf("WHO");
        int details = lines.get(0).indexOf("DETAILS");
        for (String row : rows) {
            assertThat(row.charAt(step - 1)).as(row).isEqualTo(' ');
            assertThat(row.charAt(step)).as(row).isNotEqualTo(' ');
            assertThat(row.charAt(who)).as(row).isNotEqualTo(' ');
            assertThat(row.charAt(details)).as(row).isNotEqualTo(' ');
        }
        assertThat(rows.get(0)).contains("EmergencyRequested", "carol", "EMERGENCY db_admin on payments-db for PT30S");
        assertThat(rows.get(1)).contains("Approved", "policy", "BREAK_GLASS");
        assertThat(rows.get(2)).contains("AccessGranted", "grant-service", "eer_7c1d", "until 06:10:31.300");
        assertThat(rows.get(4)).contains("AccessExpired", "expiry-service", "80 ms late");
        assertThat(rows.get(5)).contains("AccessRevoked", "confirmed gone");
        assertThat(lines).last().asString()
                .isEqualTo("ledger verify: OK, 48 entries, 3 checkpoint(s) verified, head 9f3a0b1c2d3e4f50");
        assertThat(String.join("\n", lines)).as("a newline inside event data stays on one line")
                .doesNotContain("during INC-1234\n");
    }

    @Test
    void aLedgerThatDoesNotVerify_isReported_andFailsTheDemo() throws Exception {
        Result result = run("verify-bad.json");

        assertThat(result.exit).isEqualTo(1);
        assertThat(result.lines).last().asString().isEqualTo("ledger verify: FAILED at index 17: chain mismatch stored chain differs");
    }

    private record Result(int exit, List<String> lines) {
    }

    private static Result run(String verify) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("python3", Repo.ROOT.resolve("deploy/local/demo_timeline.py").toString(),
                FIXTURES.resolve("timeline.json").toString(), FIXTURES.resolve(verify).toString())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out.lines().toList());
    }
}
