package io.eer.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./eer chaos}: runs break-glass lifecycles against the {@code ./eer up} stack while faults are injected
 * through {@code ./eer restart} (kill -9 of each service in turn, an immediate shutdown of PostgreSQL, a killed Kafka
 * broker), then checks from the audit ledger and the target database that every promise held, prints the counts and
 * exits 1 unless every one is zero.
 *
 * <p>A client retries a POST that got no answer or a 503, with the same Idempotency-Key, as a real IAM system
 * would; a request counts as accepted once it was answered 201 or 200. What is checked afterwards:
 * <ul>
 * <li>accepted requests without a complete lifecycle in the ledger (EmergencyRequested, Approved, AccessGranted,
 * AccessExpired, AccessRevoked, ReviewScheduled);</li>
 * <li>events present more than once in the ledger (same CloudEvent id);</li>
 * <li>grants never revoked (an AccessGranted without its AccessRevoked);</li>
 * <li>logins left on the target (LOGIN roles named like temporary accounts, with a VALID UNTIL);</li>
 * <li>ledger gaps ({@code /v1/audit/verify}'s {@code missing});</li>
 * <li>verify failures ({@code /v1/audit/verify} and the standalone verifier over an export);</li>
 * <li>answers other than 201/200/503/429 to a valid request (a 500 is a bug).</li>
 * </ul>
 */
public final class Chaos {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LIFECYCLE = List.of("EmergencyRequested", "Approved", "AccessGranted",
            "AccessExpired", "AccessRevoked", "ReviewScheduled");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> accepted = new ConcurrentHashMap<>(); // requester -> request id
    private final List<String> unexpectedAnswers = new CopyOnWriteArrayList<>();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger gaveUp = new AtomicInteger();

    /** What the eer wrapper hands over (see {@code ./eer help chaos}). */
    record Settings(Path eer, int requests, Duration grantDuration, Duration interval, String requestUrl,
            String auditUrl, String targetJdbcUrl, String dbUser, String dbPassword, String loginPattern,
            String excludedLogin, Path verifierJar, Path publicKey, String keyId, Duration settle, List<String> faults,
            Path workDir) {
    }

    private Chaos(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Settings settings = new Settings(Path.of(a.get("eer")), Integer.parseInt(a.getOrDefault("requests", "50")),
                Duration.parse(a.getOrDefault("grant-duration", "PT20S")),
                Duration.parse(a.getOrDefault("interval", "PT1.5S")), a.get("request-url"), a.get("audit-url"),
                a.get("target-jdbc-url"), a.get("db-user"), a.get("db-password"),
                a.getOrDefault("login-pattern", "eer\\_%"), a.getOrDefault("excluded-login", ""),
                Path.of(a.get("verifier-jar")), Path.of(a.get("public-key")), a.get("key-id"),
                Duration.parse(a.getOrDefault("settle", "PT6M")), List.of(a.get("faults").split(",")),
                Path.of(a.get("work-dir")));
        System.exit(new Chaos(settings).run());
    }

    private int run() throws Exception {
        Files.createDirectories(settings.workDir());
        log("chaos: %d break-glass lifecycles (grants of %s), faults in turn: %s", settings.requests(),
                settings.grantDuration(), String.join(", ", settings.faults()));
        AtomicBoolean faultsDone = new AtomicBoolean();
        List<String> faultLog = new CopyOnWriteArrayList<>();
        Thread faults = new Thread(() -> {
            try {
                for (String fault : settings.faults()) {
                    faultLog.add(injectFault(fault));
                }
            } finally {
                faultsDone.set(true);
            }
        }, "faults");
        faults.start();

        ExecutorService clients = Executors.newFixedThreadPool(16);
        int sent = 0;
        while (sent < settings.requests() || !faultsDone.get()) {
            int n = ++sent;
            clients.submit(() -> submit("chaos-" + n + "-" + UUID.randomUUID().toString().substring(0, 8)));
            Thread.sleep(settings.interval().toMillis()); // open-loop arrivals: one request per interval
        }
        faults.join();
        clients.shutdown();
        clients.awaitTermination(5, TimeUnit.MINUTES);
        log("%d requests sent, %d accepted (%d client retries, %d given up); faults done: %s", sent, accepted.size(),
                retries.get(), gaveUp.get(), String.join("; ", faultLog));

        Verdict verdict = settle();
        verdict.print();
        return verdict.allZero() ? 0 : 1;
    }

    // ---------------------------------------------------------------------------------------------------------
    // faults

    /** {@code service:<name>} (kill -9, restart), {@code postgres:<seconds>} or {@code kafka:<seconds>} (killed, down
     *  that long, restarted), all through ./eer restart. */
    private String injectFault(String fault) {
        String[] parts = fault.split(":", 2);
        List<String> command = new ArrayList<>(List.of(settings.eer().toString(), "restart"));
        switch (parts[0]) {
            case "service" -> command.addAll(List.of(parts[1], "--kill"));
            case "postgres", "kafka" -> command.addAll(List.of(parts[0], "--kill", "--down", parts[1]));
            default -> throw new IllegalArgumentException("unknown fault " + fault);
        }
        log("fault: %s", String.join(" ", command.subList(1, command.size())));
        Instant t0 = Instant.now();
        int rc = run(command, settings.workDir().resolve("restart.log"));
        String outcome = "%s %s (%ds)".formatted(fault, rc == 0 ? "recovered" : "RESTART FAILED rc=" + rc,
                Duration.between(t0, Instant.now()).toSeconds());
        log("       %s", outcome);
        return outcome;
    }

    private static int run(List<String> command, Path log) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return p.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // load

    private void submit(String requester) {
        String token = token(requester, "oncall-dba");
        String key = UUID.randomUUID().toString();
        String body = """
                {"kind":"EMERGENCY","origin":"CONTRACTOR_SELF","system":"payments-db","role":"db_admin",
                 "duration":"%s","justification":"chaos run: payments database locked","incident":"INC-%d"}"""
                .formatted(settings.grantDuration(), 1000 + Math.abs(requester.hashCode() % 100000));
        Instant giveUpAt = Instant.now().plus(Duration.ofMinutes(3));
        long backoff = 250;
        while (Instant.now().isBefore(giveUpAt)) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(settings.requestUrl()
                                + "/v1/requests"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = answer.statusCode();
                if (status == 201 || status == 200) {
                    accepted.put(requester, JSON.readTree(answer.body()).path("requestId").asText());
                    return;
                }
                if (status != 503 && status != 429) {
                    unexpectedAnswers.add(status + " " + answer.body().replaceAll("\\s+", " ")
                            .substring(0, Math.min(200, answer.body().length())));
                    if (status < 500) {
                        return; // refused for good: nothing was accepted
                    }
                }
            } catch (IOException e) {
                // no answer (the service is being killed): the same Idempotency-Key makes the retry safe
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            retries.incrementAndGet();
            sleep(backoff);
            backoff = Math.min(backoff * 2, 4000);
        }
        gaveUp.incrementAndGet();
    }

    private String token(String sub, String groups) {
        List<String> command = new ArrayList<>(List.of(settings.eer().toString(), "token", "--sub", sub, "--groups",
                groups, "--type", "CONTRACTOR", "--mfa", "--ttl", "3600"));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String token = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0 || token.isEmpty()) {
                throw new IllegalStateException("./eer token failed for " + sub);
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // checks

    /** Counts that must all be zero. */
    private record Verdict(Map<String, Integer> counts, List<String> details) {
        boolean allZero() {
            return counts.values().stream().allMatch(n -> n == 0);
        }

        void print() {
            System.out.println();
            System.out.println("chaos result");
            counts.forEach((what, n) -> System.out.printf("  %-58s %d%n", what, n));
            details.forEach(d -> System.out.println("  - " + d));
            System.out.println(allZero() ? "ALL ZERO: every promise held" : "NOT ZERO: see above");
        }
    }

    /** Polls until every accepted request's lifecycle is complete and nothing is left, or the settle time ends. */
    private Verdict settle() throws Exception {
        Instant deadline = Instant.now().plus(settings.settle());
        Verdict verdict;
        do {
            verdict = check();
            if (verdict.allZero()) {
                break;
            }
            sleep(5000);
        } while (Instant.now().isBefore(deadline));
        return verdict;
    }

    private Verdict check() throws Exception {
        String auditor = token("chaos-auditor", "auditors");
        Path export = settings.workDir().resolve("export.ndjson");
        HttpResponse<Path> exported = http.send(HttpRequest.newBuilder(URI.create(settings.auditUrl()
                        + "/v1/audit/export")).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + auditor).GET().build(), HttpResponse.BodyHandlers.ofFile(export));
        if (exported.statusCode() != 200) {
            throw new IllegalStateException("GET /v1/audit/export answered " + exported.statusCode());
        }
        Map<String, Set<String>> typesByRequest = new HashMap<>();
        Map<String, Integer> eventIds = new HashMap<>();
        Set<String> granted = new HashSet<>();
        Set<String> revoked = new HashSet<>();
        for (String line : Files.readAllLines(export)) {
            JsonNode entry = JSON.readTree(line);
            JsonNode event = entry.path("event");
            if (event.isMissingNode()) {
                continue; // a checkpoint line of the export
            }
            eventIds.merge(event.path("id").asText(), 1, Integer::sum);
            String type = event.path("type").asText().replaceFirst("^io\\.eer\\.", "").replaceFirst("\\.v\\d+$", "");
            typesByRequest.computeIfAbsent(event.path("subject").asText(), k -> new HashSet<>()).add(type);
            String grantId = event.path("data").path("grantId").asText("");
            if (type.equals("AccessGranted")) {
                granted.add(grantId);
            } else if (type.equals("AccessRevoked")) {
                revoked.add(grantId);
            }
        }
        List<String> details = new ArrayList<>();
        int incomplete = 0;
        for (String requestId : accepted.values()) {
            Set<String> seen = typesByRequest.getOrDefault(requestId, Collections.emptySet());
            List<String> missing = LIFECYCLE.stream().filter(t -> !seen.contains(t)).toList();
            if (!missing.isEmpty()) {
                incomplete++;
                if (details.size() < 10) {
                    details.add("request " + requestId + " lacks " + missing);
                }
            }
        }
        int duplicates = (int) eventIds.values().stream().filter(n -> n > 1).count();
        Set<String> unrevoked = new HashSet<>(granted);
        unrevoked.removeAll(revoked);

        JsonNode verify = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(settings.auditUrl()
                        + "/v1/audit/verify")).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + auditor).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        int gaps = 0;
        for (JsonNode missing : verify.path("missing")) {
            gaps += missing.has("to") ? missing.path("to").asInt() - missing.path("from").asInt() + 1 : 1;
        }
        if (gaps > 0) {
            details.add("ledger gaps: " + verify.path("missing"));
        }
        int verifyFailures = verify.path("ok").asBoolean(false) ? 0 : 1;
        if (verifyFailures > 0) {
            details.add("/v1/audit/verify: " + verify);
        }
        int verifierRc = run(List.of("java", "-jar", settings.verifierJar().toString(), "--export", export.toString(),
                "--public-key", settings.publicKey().toString(), "--key-id", settings.keyId()),
                settings.workDir().resolve("verifier.log"));
        if (verifierRc != 0) {
            verifyFailures++;
            details.add("standalone verifier exit " + verifierRc + " (" + settings.workDir().resolve("verifier.log")
                    + ")");
        }

        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("accepted requests without a complete lifecycle in the ledger", incomplete);
        counts.put("events present more than once", duplicates);
        counts.put("grants never revoked", unrevoked.size());
        counts.put("logins left on the target", loginsLeft(details));
        counts.put("ledger gaps", gaps);
        counts.put("verify failures", verifyFailures);
        counts.put("answers other than 201/200/503/429 to a valid request", unexpectedAnswers.size());
        unexpectedAnswers.stream().limit(5).forEach(a -> details.add("answer " + a));
        log("check: %d accepted, ledger %d entries; %s", accepted.size(), eventIds.values().stream()
                .mapToInt(Integer::intValue).sum(), counts);
        return new Verdict(counts, details);
    }

    private int loginsLeft(List<String> details) throws SQLException {
        // temporary logins carry VALID UNTIL their deadline; EER's own service roles on the same cluster do not
        String sql = "select rolname from pg_roles where rolcanlogin and rolvaliduntil is not null and rolname like '"
                + settings.loginPattern() + "' and rolname <> '" + settings.excludedLogin() + "'";
        int n = 0;
        try (Connection c = DriverManager.getConnection(settings.targetJdbcUrl(), settings.dbUser(),
                settings.dbPassword()); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                if (n++ < 5) {
                    details.add("login left on the target: " + rs.getString(1));
                }
            }
        }
        return n;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis); // pacing of a load generator, not test synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void log(String format, Object... args) {
        System.out.println(CLOCK.format(Instant.now()) + " " + format.formatted(args));
        System.out.flush();
    }
}
