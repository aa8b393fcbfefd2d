package io.eer.verifier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Map;
import java.util.UUID;

/**
 * The verifier's throughput, in-process and repeatable (issue #12 P4): builds a realistic export of N records (events
 * shaped like the benchmark's EmergencyRequested, ~950 bytes a line, a signed checkpoint every 140 entries, as the
 * 10 s checkpoint interval gave in the benchmark) or takes a file, then times {@link ExportVerifier} cold (the first
 * run in this JVM) and warm (the best of the next runs) next to Java's SHA-256 and {@code sha256sum} over the same
 * bytes. {@code --checkpoint-every} sets the entries between checkpoints (140 by default; a ledger filled at full
 * speed has far fewer checkpoints, one per 10 s). Prints, asserts nothing. Run (after test-compile):
 *
 * <pre>
 * java -cp audit-verifier/target/test-classes:audit-verifier/target/classes:$(cat cp.txt) io.eer.verifier.VerifierSpeed \
 *     [--records 20000] [--runs 5] [--checkpoint-every 140] [--export FILE --public-key PEM]
 * </pre>
 */
public final class VerifierSpeed {

    private VerifierSpeed() {
    }

    public static void main(String[] args) throws Exception {
        int records = 20_000;
        int runs = 5;
        int checkpointEvery = 140;
        Path file = null;
        Path pem = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> records = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--checkpoint-every" -> checkpointEvery = Integer.parseInt(args[++i]);
                case "--export" -> file = Path.of(args[++i]);
                case "--public-key" -> pem = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        PublicKey key;
        if (file == null) {
            KeyPair pair = ExportBuilder.keyPair();
            key = pair.getPublic();
            file = Files.createTempFile("eer-export", ".ndjson");
            file.toFile().deleteOnExit();
            Files.writeString(file, realistic(records, checkpointEvery, pair).ndjson(), StandardCharsets.UTF_8);
        } else {
            key = Main.publicKey(Files.readString(pem, StandardCharsets.US_ASCII));
        }
        double mb = Files.size(file) / 1e6;
        long lines;
        try (var stream = Files.lines(file)) {
            lines = stream.count();
        }
        System.out.printf("export %s: %d lines, %.1f MB%n", file, lines, mb);
        long best = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        for (int run = 0; run <= runs; run++) {
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            Report report;
            try (InputStream reader = Files.newInputStream(file)) {
                ExportVerifier verifier = new ExportVerifier(Map.of(ExportVerifier.ANY_KEY, key));
                try {
                    verifier.checkSignaturesAhead(file); // as Main does
                } catch (NoSuchMethodError e) {
                    // an older ExportVerifier on the class path (a before/after comparison): it has no such step
                }
                report = verifier.verify(reader, null);
            }
            long nanos = System.nanoTime() - t0;
            long cpu = cpuNanos() - cpu0;
            if (!report.valid()) {
                throw new IllegalStateException("the export does not verify: " + report.verdict());
            }
            if (run == 0) {
                System.out.printf("verifier cold (first run in this JVM): %d ms, %.1f MB/s; CPU %d ms (all threads, "
                        + "JIT included)%n", nanos / 1_000_000, mb * 1e9 / nanos, cpu / 1_000_000);
            } else {
                best = Math.min(best, nanos);
                bestCpu = Math.min(bestCpu, cpu);
            }
        }
        if (runs > 0) {
            System.out.printf("verifier warm (best of %d): %d ms, %.1f MB/s; CPU %d ms%n", runs, best / 1_000_000,
                    mb * 1e9 / best, bestCpu / 1_000_000);
        }
        byte[] bytes = Files.readAllBytes(file);
        long sha = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long t0 = System.nanoTime();
            MessageDigest.getInstance("SHA-256").digest(bytes);
            sha = Math.min(sha, System.nanoTime() - t0);
        }
        System.out.printf("Java SHA-256 over the file (best of 5): %.1f MB/s%n", mb * 1e9 / sha);
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
            long t1 = System.nanoTime();
            System.out.printf("sha256sum (process, start included): %.1f MB/s%n", mb * 1e9 / (t1 - t0));
        } catch (IOException e) {
            System.out.println("sha256sum: not available (" + e.getMessage() + ")");
        }
    }

    /** CPU time of this process (every thread, the JIT's too): steadier than wall time on a shared machine. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** {@code records} entries shaped like the benchmark's, a checkpoint at 0, every {@code checkpointEvery} entries and at the end. */
    static ExportBuilder realistic(int records, int checkpointEvery, KeyPair key) {
        ExportBuilder export = new ExportBuilder();
        export.checkpoint(0, key.getPrivate(), "bench-1");
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < records; i++) {
            String requestId = new UUID(random.nextLong(), random.nextLong()).toString();
            export.add(requestId, "benchmark: payments database locked");
            ObjectNode line = export.entries.get(i);
            ObjectNode event = (ObjectNode) line.get("event");
            event.put("id", new UUID(random.nextLong(), random.nextLong()).toString());
            event.put("sequence", Integer.toString(i + 1));
            event.put("time", "2026-12-05T08:36:38.686192238Z");
            event.put("traceparent", "00-f07fe4a187e5260dd589a1c657bfbc76-f7f64555a5a6ec1e-01");
            event.put("datacontenttype", "application/json");
            ObjectNode data = (ObjectNode) event.get("data");
            ObjectNode approval = data.putObject("approval");
            approval.putArray("approverGroups").add("secops");
            approval.put("mode", "PRE_APPROVED").put("quorum", 0);
            data.put("beneficiary", "bench-zljkg-2-" + i).put("incident", "INC-" + (10000 + i)).put("kind", "EMERGENCY")
                    .put("maxDuration", "PT1H").put("origin", "CONTRACTOR_SELF").put("requestedDuration", "PT15S")
                    .put("role", "db_admin").put("rule", "break-glass-dba").put("system", "payments-db")
                    .put("note", "ünïcødé \"quoted\" \\ tab\t €");
            ObjectNode mfa = data.putObject("mfa");
            mfa.put("authTime", "2026-12-05T08:36:33Z");
            mfa.putArray("methods").add("pwd").add("mfa").add("otp");
            data.putObject("policy").put("id", "eer-local").put("version", "2026-12-05.1");
            ObjectNode requester = data.putObject("requester");
            requester.putArray("groups").add("oncall-dba");
            requester.put("id", "bench-zljkg-2-" + i).put("type", "CONTRACTOR");
            ObjectNode review = data.putObject("review");
            review.put("dueWithin", "PT48H");
            review.putArray("reviewerGroups").add("secops");
            export.rehash(i);
            if ((i + 1) % checkpointEvery == 0 || i == records - 1) {
                export.checkpoint(i + 1, key.getPrivate(), "bench-1");
            }
        }
        return export;
    }
}
