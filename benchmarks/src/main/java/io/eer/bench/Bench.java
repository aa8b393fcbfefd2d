package io.eer.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * {@code ./eer bench}: drives the running {@code ./eer up} stack and prints one table.
 *
 * <ul>
 *   <li>P1: request → AccessGranted (from the ledger's event times) and request → GRANTED visible in the API (client
 *   side, polled after a tenth of the time waited ({@link LoadPhase#POLL} at least) for at most {@link LoadPhase#POLLED_PER_SECOND} requests a second), at each open-loop arrival rate;</li>
 *   <li>P2: AccessExpired lateness and deadline → revoked for the real grants the P1 phases made, and for a phase
 *   of its own ({@code --p2 R:S}, 200 real grants by default) once those are revoked;</li>
 *   <li>P2 with many live timers: {@link TimersPhase}, on a scratch expiry-service;</li>
 *   <li>P3, P5, P6: {@link LedgerPhase}, on a scratch audit-service;</li>
 *   <li>P4: the standalone verifier's rate over the audit export ÷ {@code sha256sum} over the same file;</li>
 *   <li>P7: CPU per request lifecycle and at idle, from {@code /proc} ({@link ProcCpu}), for every process of the
 *   stack (services, Kafka, PostgreSQL with its backends);</li>
 *   <li>P8: the session gateway's overhead per statement against a direct connection ({@link GatewayPhase}).</li>
 * </ul>
 *
 * What it does not measure is printed as such, never as a number.
 */
public final class Bench {

    record Settings(String requestUrl, String auditUrl, Path privateKey, String issuer, String audience,
            Path verifierJar, Path publicKey, String keyId, List<int[]> phases, Duration grantDuration, Path out,
            Duration settle, Path runDir, Duration idle, int[] p7, int timers, Duration timerSpread, int appends,
            long ledgerSize, Path repoRoot, int[] p2, Duration timerWindow, String gateway, String grantUrl,
            long p4Entries) {

        /** {@code <kafka port> <postgres port>}, as the run directory's {@code ports} file records them. */
        private String[] ports() {
            try {
                return Files.readString(runDir.resolve("ports")).trim().split("\\s+");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        String kafkaBootstrap() {
            return "127.0.0.1:" + ports()[0];
        }

        int pgPort() {
            return Integer.parseInt(ports()[1]);
        }
    }

    /** A figure printed at once (a later phase may fail) and again under the table. */
    private void note(List<String> notes, String figure) {
        out.println("    " + figure);
        notes.add(figure);
    }

    /** Where the scratch expiry-service listens (outside the stack's 8081-8087); the scratch audit-service: next. */
    static final int SCRATCH_PORT = 48180;

    private final Settings settings;
    private final HttpClient http;
    private final Tokens tokens;
    private final PrintStream out = System.out;
    /** The stack's CPU at idle (P7), ms per second; subtracted from a lifecycle's share. */
    private double idleMsPerSecond;

    private Bench(Settings settings) throws Exception {
        this.settings = settings;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(8)).connectTimeout(Duration.ofSeconds(5)).build();
        this.tokens = new Tokens(settings.privateKey(), settings.issuer(), settings.audience());
    }

    public static void main(String[] args) throws Exception {
        int status;
        try {
            status = new Bench(parse(args)).run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 2;
        }
        System.exit(status); // the HTTP client's threads would keep the JVM alive
    }

    private int run() throws Exception {
        Files.createDirectories(settings.out());
        String machine = Machine.describe();
        out.println("eer bench — " + machine);
        String runId = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
        ProcCpu cpu = new ProcCpu(settings.runDir().resolve("pids"));
        List<String> notes = new ArrayList<>();
        if (!settings.idle().isZero()) {
            out.printf("P7: idle for %s ...%n", settings.idle());
            Map<String, Long> before = cpu.sample();
            long t0 = System.nanoTime();
            TimeUnit.MILLISECONDS.sleep(settings.idle().toMillis());
            Map<String, Double> spent = ProcCpu.spentMillis(before, cpu.sample());
            double wallMs = (System.nanoTime() - t0) / 1e6;
            idleMsPerSecond = ProcCpu.total(spent) / wallMs * 1000;
            int cores = Runtime.getRuntime().availableProcessors();
            double core = Figures.percentOfCore(ProcCpu.total(spent), wallMs);
            note(notes, String.format("P7 idle stack: %.1f %% of one core (%.2f %% of %d cores): %s ms CPU in %.0f s",
                    core, Figures.percentOfMachine(core, cores), cores, ProcCpu.breakdown(spent), wallMs / 1000));
        }
        LoadPhase load = new LoadPhase(http, tokens, settings.requestUrl(), settings.grantDuration());
        List<LoadPhase.Outcome> outcomes = new ArrayList<>();
        for (int[] phase : settings.phases()) {
            out.printf("P1: %d requests/s for %d s ...%n", phase[0], phase[1]);
            LoadPhase.Outcome outcome = load.run(phase[0], phase[1], runId);
            outcomes.add(outcome);
            if (outcome.failures() > 0) {
                out.printf("    %d failures, e.g. %s%n", outcome.failures(), outcome.failureSamples());
            }
        }
        List<String> all = outcomes.stream().flatMap(o -> o.requestIds().stream()).toList();
        out.printf("waiting for %d grants to expire and be revoked (grant duration %s) ...%n", all.size(),
                settings.grantDuration());
        Path export = settings.out().resolve("export.ndjson");
        LedgerTimes ledger = all.isEmpty() ? null : awaitRevoked(all, export);
        LoadPhase.Outcome p2 = null;
        if (settings.p2()[0] > 0) {
            out.printf("P2: %d real grants (%d requests/s for %d s, no polling), then their expiry and revocation ...%n",
                    settings.p2()[0] * settings.p2()[1], settings.p2()[0], settings.p2()[1]);
            p2 = load.run(settings.p2()[0], settings.p2()[1], runId + "g", false);
            if (p2.failures() > 0) {
                note(notes, String.format("P2 real grants: %d of %d requests failed, e.g. %s", p2.failures(),
                        p2.sent(), p2.failureSamples()));
            }
            ledger = p2.requestIds().isEmpty() ? ledger : awaitRevoked(p2.requestIds(), export);
        }
        if (settings.p7()[0] > 0) {
            lifecycleCpu(load, cpu, runId, export, notes);
        }
        load.close();
        if (ledger == null) {
            download(export);
            ledger = new LedgerTimes(export);
        }

        Map<String, String[]> rows = new LinkedHashMap<>();
        Plot plot = new Plot();
        for (LoadPhase.Outcome o : outcomes) {
            Histogram answered = o.answered().getIntervalHistogram();
            Histogram visible = o.visible().getIntervalHistogram();
            Histogram approved = ledger.sinceRequested(o.requestIds(), "Approved");
            Histogram granted = ledger.sinceRequested(o.requestIds(), "AccessGranted");
            String load1 = o.rate() + "/s × " + o.sent() / o.rate() + " s";
            rows.put("P1 " + load1 + ": POST answered", cells(answered, o.sent()));
            rows.put("P1 " + load1 + ": request → Approved (ledger)", cells(approved, o.sent()));
            rows.put("P1 " + load1 + ": request → AccessGranted (ledger)", cells(granted, o.sent()));
            rows.put("P1 " + load1 + ": request → GRANTED visible (API, sampled)", cells(visible, o.sent()));
            plot.add(o.rate() + "/s request → AccessGranted", granted);
            plot.add(o.rate() + "/s request → GRANTED visible", visible);
            save(visible, "p1-visible-" + o.rate());
            save(granted, "p1-granted-" + o.rate());
        }
        if (!all.isEmpty()) {
            realGrants(rows, plot, ledger, all, "P2 P1's " + all.size() + " grants", "p2-p1");
        }
        if (p2 != null && !p2.requestIds().isEmpty()) {
            realGrants(rows, plot, ledger, p2.requestIds(), "P2 " + p2.requestIds().size() + " real grants at "
                    + p2.rate() + "/s", "p2");
        }
        Scratch.Infra infra = new Scratch.Infra(settings.repoRoot(), settings.runDir().resolve("logs"),
                settings.kafkaBootstrap(), Scratch.readPassword(settings.runDir().resolve("kafka/credentials.env")),
                settings.pgPort());
        if (settings.timers() > 0) {
            out.printf("P2: %,d live timers on a scratch expiry-service, deadlines over %s ...%n", settings.timers(),
                    settings.timerSpread());
            TimersPhase.Result timers;
            try {
                timers = new TimersPhase(infra).run(settings.timers(), settings.timerSpread(),
                        settings.timerWindow(), SCRATCH_PORT);
            } catch (Exception e) {
                note(notes, "P2 with many live timers: not measured, the scratch phase failed: " + e.getMessage());
                timers = null;
            }
            if (timers != null) {
                String name = "P2 %,d live timers, %,d due: AccessExpired ".formatted(timers.liveAtFirst(),
                        timers.measured());
                rows.put(name + "firedAt − deadline", cells(timers.fired(), timers.measured()));
                rows.put(name + "on Kafka − deadline", cells(timers.onKafka(), timers.measured()));
                note(notes, String.format("P2 many timers: %,d live when the first fell due (%d armed through Kafka "
                        + "at %.1f/s, %,d stored by SQL), %,d of them due in the first %s, %d not fired; firedAt − "
                        + "deadline p50 / p99 / max / mean ms, n: %s", timers.liveAtFirst(), timers.probe(),
                        timers.armPerSecond(), timers.count(), timers.measured(), settings.timerWindow(),
                        timers.notFired(), String.join(" / ", cells(timers.fired(), timers.measured()))));
                plot.add("lateness, " + timers.liveAtFirst() + " live timers", timers.fired());
                save(timers.fired(), "p2-timers-fired");
                save(timers.onKafka(), "p2-timers-on-kafka");
            }
        }
        if (settings.appends() > 0) {
            out.printf("P3/P6/P5: scratch audit-service, %,d appends per measure, ledger grown to %,d ...%n",
                    settings.appends(), settings.ledgerSize());
            LedgerPhase.Result l;
            try {
                l = new LedgerPhase(infra, tokens, export).run(settings.appends(), settings.ledgerSize(),
                        SCRATCH_PORT + 1);
            } catch (Exception e) {
                note(notes, "P3, P5, P6: not measured, the scratch phase failed: " + e.getMessage());
                l = null;
            }
            if (l != null) {
                note(notes, String.format("P3 ledger append ÷ raw batched INSERT (%,d events, scratch audit): "
                        + "%,.0f appends/s ÷ %,.0f rows/s = %.2f", l.appended(), l.emptyRate(), l.rawRate(),
                        Figures.ratio(l.emptyRate(), l.rawRate())));
                note(notes, String.format("P6 append rate at %,d entries ÷ empty: %,.0f ÷ %,.0f appends/s = %.2f "
                        + "(%,d entries grown by SQL in %.0f s; to 10,000,000 would take ~%.0f min more)",
                        l.ledgerSize(), l.fullRate(), l.emptyRate(), Figures.ratio(l.fullRate(), l.emptyRate()),
                        l.grownRows(), l.growMillis() / 1000.0, Figures.extrapolateMillis(l.grownRows(),
                                l.growMillis(), l.ledgerSize(), 10_000_000L) / 60_000.0));
                note(notes, String.format("P5 rebuild of all audit projections from %,d ledger entries: %.1f s "
                        + "(%,.0f entries/s)", l.rebuildEntries(), l.rebuildMillis() / 1000.0,
                        Figures.perSecond(l.rebuildEntries(), l.rebuildMillis())));
            }
        }
        int[] gateway = pair(settings.gateway()); // P8: GatewayPhase
        if (gateway[0] > 0) {
            out.printf("P8: session gateway, %d statements direct and through it, then %d sessions at once ...%n",
                    gateway[0], gateway[1]);
            try {
                new GatewayPhase(http, tokens, settings.requestUrl(), settings.grantUrl(), infra)
                        .run(gateway[0], gateway[1]).lines().forEach(line -> note(notes, line));
            } catch (Exception e) {
                note(notes, "P8 gateway: not measured: " + e.getMessage());
            }
        }

        out.println();
        out.println("eer bench — " + machine);
        out.printf("%-68s %10s %10s %10s %10s %8s%n", "figure", "p50 ms", "p99 ms", "max ms", "mean ms", "n/sent");
        rows.forEach((name, c) -> out.printf("%-68s %10s %10s %10s %10s %8s%n", name, c[0], c[1], c[2], c[3], c[4]));
        out.println();
        verifierRatio(export);
        notes.forEach(out::println);
        if (settings.timers() == 0) {
            out.println("P2 with many live timers: not measured (--timers 0)");
        }
        if (settings.appends() == 0) {
            out.println("P3, P5, P6: not measured (--appends 0)");
        }
        Path png = settings.out().resolve("latency.png");
        plot.write(png, "EER latency distributions — " + Instant.now().toString().substring(0, 16) + "Z");
        out.println("plot: " + png + "   histograms: " + settings.out() + "/*.hgrm");
        return outcomes.stream().mapToInt(LoadPhase.Outcome::failures).sum() == 0 ? 0 : 1;
    }

    /**
     * P7: {@code rate × seconds} lifecycles with no client polling, then the grant duration and a settle time for
     * expiry and revocation; the stack's CPU over that whole window less its idle CPU over the same time, per
     * lifecycle. Counted only if every one of them was revoked by then.
     */
    private void lifecycleCpu(LoadPhase load, ProcCpu cpu, String runId, Path export, List<String> notes)
            throws Exception {
        int rate = settings.p7()[0];
        int seconds = settings.p7()[1];
        out.printf("P7: %d requests/s for %d s, no polling, then %s + 20 s for expiry and revocation ...%n", rate,
                seconds, settings.grantDuration());
        Map<String, Long> before = cpu.sample();
        long t0 = System.nanoTime();
        LoadPhase.Outcome o = load.run(rate, seconds, runId + "c", false);
        TimeUnit.MILLISECONDS.sleep(settings.grantDuration().toMillis() + 20_000);
        Map<String, Double> spent = ProcCpu.spentMillis(before, cpu.sample());
        double wallS = (System.nanoTime() - t0) / 1e9;
        download(export);
        long revoked = new LedgerTimes(export).count(o.requestIds(), "AccessRevoked");
        note(notes, String.format("P7 CPU per lifecycle (request → granted → expired → revoked, %d of %d revoked in the"
                + " window): %.1f ms (%.0f ms CPU in %.0f s less idle %.0f ms/s); by process: %s", revoked, o.sent(),
                Figures.cpuPerLifecycle(ProcCpu.total(spent), idleMsPerSecond, wallS, o.sent()), ProcCpu.total(spent),
                wallS, idleMsPerSecond, ProcCpu.breakdown(spent)));
    }

    /** P2 over real grants: AccessExpired lateness and deadline → revoked, from the ledger. */
    private void realGrants(Map<String, String[]> rows, Plot plot, LedgerTimes ledger, List<String> ids, String name,
            String file) throws IOException {
        Histogram lateness = ledger.expiryLateness(ids);
        Histogram revoked = ledger.deadlineToRevoked(ids);
        rows.put(name + ": AccessExpired lateness", cells(lateness, ids.size()));
        rows.put(name + ": deadline → revoked", cells(revoked, ids.size()));
        plot.add(name + ": AccessExpired lateness", lateness);
        plot.add(name + ": deadline → revoked", revoked);
        save(lateness, file + "-lateness");
        save(revoked, file + "-revoked");
    }

    private LedgerTimes awaitRevoked(List<String> ids, Path export) throws Exception {
        Instant giveUpAt = Instant.now().plus(settings.grantDuration()).plus(settings.settle());
        TimeUnit.MILLISECONDS.sleep(settings.grantDuration().toMillis());
        while (true) {
            download(export);
            LedgerTimes ledger = new LedgerTimes(export);
            long revoked = ledger.count(ids, "AccessRevoked");
            if (revoked == ids.size() || Instant.now().isAfter(giveUpAt)) {
                if (revoked < ids.size()) {
                    out.printf("    only %d of %d grants revoked within the settle time%n", revoked, ids.size());
                }
                return ledger;
            }
            TimeUnit.SECONDS.sleep(5);
        }
    }

    private void download(Path export) throws IOException, InterruptedException {
        String auditor = tokens.mint("bench-auditor", List.of("auditors"), "EMPLOYEE");
        HttpResponse<Path> answer = http.send(HttpRequest.newBuilder(URI.create(settings.auditUrl()
                        + "/v1/audit/export")).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + auditor).GET().build(), HttpResponse.BodyHandlers.ofFile(export));
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET /v1/audit/export answered " + answer.statusCode());
        }
    }

    private static final String VERIFIER_JIT = "-XX:TieredStopAtLevel=1";
    /** As audit-verifier/README.md runs it over a large export: the throughput collector, the default JIT. */
    private static final String LARGE_JVM = "-XX:+UseParallelGC";

    /**
     * P4: the verifier ÷ sha256sum over the same bytes, each the best of three runs: over the run's export (a few MB:
     * mostly the JVM's start, so run with C1 only, as audit-verifier/README.md says for small exports) and over a
     * large export written from it ({@link LargeExport}, {@code --p4-entries}; the default JIT, which pays off there,
     * and the throughput collector).
     */
    private void verifierRatio(Path export) throws Exception {
        verifierRatio("the run's export", export, settings.publicKey(), settings.keyId(), List.of(VERIFIER_JIT));
        if (settings.p4Entries() > 0) {
            Path large = settings.out().resolve("export-large.ndjson");
            long t0 = System.nanoTime();
            LargeExport.Written written = LargeExport.write(export, settings.p4Entries(), 20_000, large);
            try (FileChannel file = FileChannel.open(large, StandardOpenOption.WRITE)) {
                file.force(true); // on disk now, so its write-back does not run while the two are timed
            }
            out.printf("P4 large export: %,d entries and %d checkpoints written in %.1f s%n", written.entries(),
                    written.checkpoints(), (System.nanoTime() - t0) / 1e9);
            try {
                verifierRatio("a large export", large, written.publicKey(), LargeExport.KEY_ID, List.of(LARGE_JVM));
            } finally {
                Files.deleteIfExists(large); // about a GB
                Files.deleteIfExists(written.publicKey());
            }
        }
    }

    private void verifierRatio(String what, Path export, Path publicKey, String keyId, List<String> jvmOptions)
            throws Exception {
        long lines;
        try (var stream = Files.lines(export)) {
            lines = stream.count();
        }
        double mb = Files.size(export) / 1e6;
        List<String> java = new ArrayList<>(List.of("java"));
        java.addAll(jvmOptions);
        java.addAll(List.of("-jar", settings.verifierJar().toString()));
        List<String> verify = new ArrayList<>(java);
        verify.addAll(List.of("--export", export.toString(), "--public-key", publicKey.toString(), "--key-id", keyId));
        // the JVM's start and the jar's loading, measured alone, dominate a small export
        List<String> help = new ArrayList<>(java);
        help.add("--help");
        long[] best = bestInTurn(List.of(verify, List.of("sha256sum", export.toString()), help));
        long verifier = best[0];
        long sha = best[1];
        long start = best[2];
        out.printf("P4 verifier (java%s) over %s (%d lines, %.1f MB): %d ms (%.0f lines/s, JVM start included);"
                + " sha256sum: %d ms; ratio %.1f× slower; less the verifier's own start (--help, %d ms): %.2f MB/s ÷ "
                + "sha256sum %.2f MB/s = %.3f%n", " " + String.join(" ", jvmOptions),
                what, lines, mb, verifier, lines * 1000.0 / verifier, sha, (double) verifier / Math.max(1, sha), start,
                mb * 1000 / Math.max(1, verifier - start), mb * 1000 / Math.max(1, sha),
                Figures.ratio(mb / Math.max(1, verifier - start), mb / Math.max(1, sha)));
    }

    /**
     * Each command's best of three runs in ms, the commands taken in turn (a, b, c, a, b, c, ...) so that a ratio's two
     * sides meet the same machine (a neighbour's burst, the stack's own work) rather than one side all of it.
     */
    private static long[] bestInTurn(List<List<String>> commands) throws Exception {
        long[] best = new long[commands.size()];
        Arrays.fill(best, Long.MAX_VALUE);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < commands.size(); i++) {
                best[i] = Math.min(best[i], timed(commands.get(i)));
            }
        }
        return best;
    }

    private static long timed(List<String> command) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + rc);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private void save(Histogram h, String name) throws IOException {
        try (PrintStream file = new PrintStream(Files.newOutputStream(settings.out().resolve(name + ".hgrm")))) {
            h.outputPercentileDistribution(file, 1000.0);
        }
    }

    private static String[] cells(Histogram micros, int sent) {
        return Figures.cells(micros, sent);
    }

    static Settings parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
        List<int[]> phases = new ArrayList<>();
        for (String phase : a.getOrDefault("rates", "2:10,20:15,50:10").replace("none", "").split(",")) {
            if (phase.isBlank()) {
                continue;
            }
            String[] p = phase.split(":");
            phases.add(new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])});
        }
        return new Settings(a.getOrDefault("request-url", "http://127.0.0.1:8081"),
                a.getOrDefault("audit-url", "http://127.0.0.1:8085"), Path.of(req(a, "private-key")),
                req(a, "issuer"), a.getOrDefault("audience", "eer"), Path.of(req(a, "verifier-jar")),
                Path.of(req(a, "public-key")), req(a, "key-id"), phases,
                Duration.parse(a.getOrDefault("grant-duration", "PT30S")), Path.of(req(a, "out")),
                Duration.parse(a.getOrDefault("settle", "PT3M")), Path.of(a.getOrDefault("run-dir", ".eer/up")),
                Duration.parse(a.getOrDefault("idle", "PT30S")), pair(a.getOrDefault("p7", "5:20")),
                Integer.parseInt(a.getOrDefault("timers", "10000")),
                Duration.parse(a.getOrDefault("timer-spread", "PT10M")),
                Integer.parseInt(a.getOrDefault("appends", "10000")),
                Long.parseLong(a.getOrDefault("ledger-size", "1000000")),
                Path.of(a.getOrDefault("repo-root", ".")).toAbsolutePath(), pair(a.getOrDefault("p2", "10:20")),
                Duration.parse(a.getOrDefault("timer-window", "PT60S")), a.getOrDefault("gateway", "500:4"),
                a.getOrDefault("grant-url", "http://127.0.0.1:8083"),
                Long.parseLong(a.getOrDefault("p4-entries", "1000000")));
    }

    private static int[] pair(String rateAndSeconds) {
        String[] p = rateAndSeconds.split(":");
        return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
    }

    private static String req(Map<String, String> a, String name) {
        String v = a.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }
}
