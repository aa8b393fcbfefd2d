package io.eer.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.ledger.format.Ed25519;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar eer-audit-verifier.jar --export export.ndjson --public-key key.pub.pem [--key-id ID]
 * [--public-key other.pub.pem --key-id OTHER ...] [--inclusion proof.json]}, or {@code --evidence pack.json|page.html
 * --public-key key.pub.pem} for a review's evidence pack. Exit status 0: valid; 1: invalid (the last line names the
 * index or checkpoint and why); 2: wrong usage or unreadable input; 3: incomplete.
 */
public final class Main {

    public static final int VALID = 0;
    public static final int INVALID = 1;
    public static final int USAGE = 2;
    /** Every hash and signature checks out, but a producer's sequence has a gap: events are missing. */
    public static final int INCOMPLETE = 3;

    private static final String USAGE_TEXT = """
            usage: java -jar eer-audit-verifier.jar --export FILE --public-key PEM [--key-id ID] \
            [--public-key PEM --key-id ID ...] [--inclusion PROOF.json] [--gap-grace SECONDS]
                   java -jar eer-audit-verifier.jar --evidence FILE --public-key PEM [--key-id ID ...]
              --export FILE       NDJSON from GET /v1/audit/export (from=0)
              --public-key PEM    Ed25519 public key (X.509 PEM) the checkpoints are signed with
              --key-id ID         the key id of the --public-key just before it (repeat the pair for rotated keys;
                                  without --key-id that key is tried for every checkpoint)
              --inclusion FILE    a proof from GET /v1/audit/proofs/inclusion to check against the export
              --evidence FILE     a review's evidence pack (GET /v1/reviews/{id}/evidence, JSON or the HTML page):
                                  its checkpoint signature, each entry's leaf and inclusion proof, and every piece
                                  of evidence against the ledger event it cites (instead of --export)
              --gap-grace SECONDS a gap in a producer's sequence revealed less than this before the last entry is
                                  only reported (default 30); an older one makes the verdict INCOMPLETE
            exit status: 0 valid, 1 invalid, 2 usage or input error, 3 incomplete (intact, but events missing, or
            evidence not yet under a signed checkpoint)""";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the verifier as the command line does, printing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path export = null;
        Path evidence = null;
        Path inclusion = null;
        List<Path> keyFiles = new ArrayList<>();
        List<String> keyIds = new ArrayList<>();
        Duration gapGrace = ExportVerifier.DEFAULT_GAP_GRACE;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--export" -> export = Path.of(value(args, ++i, arg));
                    case "--evidence" -> evidence = Path.of(value(args, ++i, arg));
                    case "--public-key" -> {
                        keyFiles.add(Path.of(value(args, ++i, arg)));
                        keyIds.add(null);
                    }
                    case "--key-id" -> {
                        if (keyFiles.isEmpty() || keyIds.get(keyIds.size() - 1) != null) {
                            throw new IllegalArgumentException("--key-id must follow its --public-key");
                        }
                        keyIds.set(keyIds.size() - 1, value(args, ++i, arg));
                    }
                    case "--inclusion" -> inclusion = Path.of(value(args, ++i, arg));
                    case "--gap-grace" -> gapGrace = seconds(value(args, ++i, arg));
                    case "-h", "--help" -> {
                        out.println(USAGE_TEXT);
                        return VALID;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            if ((export == null) == (evidence == null) || keyFiles.isEmpty()) {
                throw new IllegalArgumentException("--export or --evidence (one of them) and --public-key are required");
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        JsonNode proof = null;
        try {
            for (int i = 0; i < keyFiles.size(); i++) {
                PublicKey key = publicKey(Files.readString(keyFiles.get(i), StandardCharsets.US_ASCII));
                keys.put(keyIds.get(i) == null ? ExportVerifier.ANY_KEY : keyIds.get(i), key);
                out.println("key: " + keyFiles.get(i) + (keyIds.get(i) == null ? " (any key id)"
                        : " (key id '" + keyIds.get(i) + "')"));
            }
            if (inclusion != null) {
                proof = new ObjectMapper().readTree(inclusion.toFile());
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
        if (evidence != null) {
            return evidence(evidence, keys, out, err);
        }
        Report report;
        try (InputStream reader = Files.newInputStream(export)) {
            out.println("export: " + export);
            ExportVerifier verifier = new ExportVerifier(keys, gapGrace);
            verifier.checkSignaturesAhead(export);
            report = verifier.verify(reader, proof);
        } catch (IOException e) {
            err.println("error: cannot read " + export + ": " + e.getMessage());
            return USAGE;
        }
        report.checked().forEach(line -> out.println("ok   " + line));
        report.missing().forEach(gap -> out.println("gap  " + gap));
        out.println(report.verdict());
        return report.incomplete() ? INCOMPLETE : report.valid() ? VALID : INVALID;
    }

    private static int evidence(Path file, Map<String, PublicKey> keys, PrintStream out, PrintStream err) {
        JsonNode pack;
        try {
            pack = EvidenceVerifier.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("error: cannot read " + file + ": " + e.getMessage());
            return USAGE;
        }
        out.println("evidence: " + file);
        EvidenceVerifier verifier = new EvidenceVerifier(keys);
        Report report = verifier.verify(pack);
        report.checked().forEach(line -> out.println("ok   " + line));
        if (verifier.incomplete()) {
            out.println("INCOMPLETE: " + verifier.incompleteWhy());
            return INCOMPLETE;
        }
        out.println(report.verdict());
        return report.valid() ? VALID : INVALID;
    }

    /** An Ed25519 public key in X.509 PEM ({@code -----BEGIN PUBLIC KEY-----}), as openssl writes it. */
    static PublicKey publicKey(String pem) {
        return Ed25519.publicKey(pem);
    }

    private static Duration seconds(String text) {
        try {
            long seconds = Long.parseLong(text);
            if (seconds >= 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--gap-grace needs a whole number of seconds, 0 or more");
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }
}
