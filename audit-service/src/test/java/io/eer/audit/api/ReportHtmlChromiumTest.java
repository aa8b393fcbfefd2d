package io.eer.audit.api;

import static io.eer.audit.api.Ledger.AUDITOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.eer.support.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a person sees it: rendered by headless Chromium (a real browser, {@code /usr/bin/chromium};
 * {@code .ci/run} installs it), checked on the DOM the browser built.
 */
@QuarkusTest
class ReportHtmlChromiumTest {

    /** {@code EER_CHROMIUM}, or {@code chromium} on the PATH. */
    static final Path CHROMIUM = chromiumBinary();

    private static TopicProbe probe;

    @BeforeAll
    static void probe() {
        probe = new TopicProbe(Ledger.DEAD_LETTERS);
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    /** Runs headless Chromium on {@code page} with {@code args} and returns what it printed. */
    static String chromium(Path profile, List<String> args) throws IOException, InterruptedException {
        assertThat(CHROMIUM).as("Chromium is required for this test (apt-get install chromium; .ci/run does)")
                .isNotNull();
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(process.exitValue()).as("chromium exit status").isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static Path chromiumBinary() {
        String configured = System.getenv("EER_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "chromium");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The text a person reads in an HTML fragment: tags dropped, entities decoded, spaces collapsed. */
    static String text(String html) {
        return html.replaceAll("<[^>]*>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&nbsp;", " ").replace("&amp;", "&").replaceAll("\\s+", " ").trim();
    }

    static String element(String dom, String regex) {
        Matcher matcher = Pattern.compile(regex, Pattern.DOTALL).matcher(dom);
        assertThat(matcher.find()).as("the page has " + regex).isTrue();
        return matcher.group(1);
    }

    static String cell(String row, String column) {
        return text(element(row, "<td data-column=\"" + column + "\"[^>]*>(.*?)</td>"));
    }

    @Test
    void htmlReport_renderedInChromium_showsBasisAccessesExceptionsAndControls(@TempDir Path dir)
            throws IOException, InterruptedException {
        ReportScenario scenario = new ReportScenario().publish(probe);
        Response response = given().auth().oauth2(AUDITOR)
                .get("/v1/reports/hipaa?format=html&from=" + scenario.t(-1) + "&to=" + scenario.t(24 * 60));
        response.then().statusCode(200);
        Path page = dir.resolve("report.html");
        Files.writeString(page, response.asString());

        String dom = chromium(dir.resolve("profile"), List.of("--dump-dom", page.toUri().toString()));

        assertThat(text(element(dom, "<title>(.*?)</title>")))
                .isEqualTo("EER compliance report: HIPAA Security Rule (45 CFR 164.312)");
        assertThat(text(element(dom, "<h1>(.*?)</h1>"))).contains("compliance report");
        // the basis, as the response headers state it
        assertThat(text(element(dom, "<dd id=\"basis-size\">(.*?)</dd>")))
                .isEqualTo(response.header("EER-Report-Basis-Size"));
        assertThat(text(element(dom, "<dd id=\"basis-chain-head\">(.*?)</dd>")))
                .isEqualTo(response.header("EER-Report-Basis-Chain-Head")).hasSize(64);
        assertThat(text(element(dom, "<dd id=\"basis-merkle-root\">(.*?)</dd>")))
                .isEqualTo(response.header("EER-Report-Basis-Merkle-Root")).hasSize(64);
        assertThat(text(element(dom, "<dd id=\"period\">(.*?)</dd>")))
                .isEqualTo(scenario.t(-1) + " to " + scenario.t(24 * 60));

        // the column headers name the controls
        assertThat(text(element(dom, "<th scope=\"col\" data-column=\"granted_at\">(.*?)</th>")))
                .isEqualTo("Granted at HIPAA 164.312(b)");

        String ok = element(dom, "<tr data-grant=\"" + scenario.okGrant + "\">(.*?)</tr>");
        assertThat(cell(ok, "requester")).isEqualTo("ron");
        assertThat(cell(ok, "approvers")).isEqualTo("sam");
        assertThat(cell(ok, "approval_mode")).isEqualTo("EXPEDITED");
        assertThat(cell(ok, "justification")).isEqualTo("database locked");
        assertThat(cell(ok, "granted_at")).isEqualTo(scenario.t(2).toString());
        assertThat(cell(ok, "actual_duration")).isEqualTo("1h");
        assertThat(cell(ok, "session_actions")).isEqualTo("2");
        assertThat(cell(ok, "revocation_confirmed")).isEqualTo("yes");
        assertThat(cell(ok, "review_outcome")).isEqualTo("ACCESS_APPROPRIATE");
        assertThat(cell(ok, "exceptions")).isEmpty();

        String bad = element(dom, "<tr data-grant=\"" + scenario.badGrant + "\" class=\"has-exceptions\">(.*?)</tr>");
        assertThat(cell(bad, "approvers")).isEmpty();
        assertThat(cell(bad, "revocation_confirmed")).isEqualTo("no");
        assertThat(cell(bad, "duration_within_policy")).isEqualTo("no");
        assertThat(cell(bad, "exceptions")).contains("ACCESS_WITHOUT_APPROVAL", "LATE_REVOCATION",
                "UNCONFIRMED_REVOCATION", "REVIEW_MISSING");
        // markup in a justification is shown as text: the browser built no element from it
        assertThat(cell(bad, "justification")).isEqualTo(ReportScenario.NASTY_JUSTIFICATION);
        assertThat(dom).doesNotContain("<img").doesNotContain("<script");
        assertThat(dom).doesNotContain("<title>pwned");

        String exceptions = text(element(dom, "<table id=\"exceptions\">(.*?)</table>"));
        assertThat(exceptions).contains("Access granted without a recorded approval",
                "Revoked later than the grace period after expiry", "Revocation not confirmed on the target system",
                "Refused attempt to approve, deny, cancel or review against separation of duties",
                "mal tried APPROVE on request " + scenario.bad);
        String controls = text(element(dom, "<table id=\"controls\">(.*?)</table>"));
        assertThat(controls).contains("HIPAA 164.312(b)", "Audit controls", "HIPAA 164.312(a)(2)(ii)",
                "Emergency access procedure").doesNotContain("ISO A.5.18");

        // and it renders to pixels
        Path png = dir.resolve("report.png");
        chromium(dir.resolve("profile-2"), List.of("--screenshot=" + png, "--window-size=1600,1200",
                page.toUri().toString()));
        assertThat(png).isNotEmptyFile();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes[0] & 0xff).isEqualTo(0x89);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        // kept for a person to look at (CI artifact)
        Files.createDirectories(Path.of("target"));
        Files.copy(png, Path.of("target", "report-hipaa.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(page, Path.of("target", "report-hipaa.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
