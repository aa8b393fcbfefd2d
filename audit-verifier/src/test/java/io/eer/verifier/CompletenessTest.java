package io.eer.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gaps in a producer's {@code sequence}: an intact export whose producer skipped a number long enough before its last
 * entry is INCOMPLETE (exit 3), a young gap is only reported, and the export is VALID once the number is there.
 */
class CompletenessTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final KeyPair key = ExportBuilder.keyPair();

    /** 40 entries, one a second (recordedAt 10:00:00 .. 10:00:39); {@code sequences[i]} stamped on entry i. */
    private static ExportBuilder export(String... sequences) {
        ExportBuilder export = new ExportBuilder();
        for (int i = 0; i < 40; i++) {
            export.add("r-" + i, "x");
        }
        for (int i = 0; i < sequences.length; i++) {
            if (sequences[i] != null) {
                ((ObjectNode) export.entries.get(i).get("event")).put("sequence", sequences[i]);
            }
        }
        export.rehash(0);
        return export;
    }

    private int run(ExportBuilder export, String... extra) throws Exception {
        export.checkpoint(export.entries.size(), key.getPrivate(), "k1");
        Path file = Files.writeString(dir.resolve("export.ndjson"), export.ndjson());
        Path pub = Files.writeString(dir.resolve("k1.pub.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        String[] args = new String[4 + extra.length];
        args[0] = "--export";
        args[1] = file.toString();
        args[2] = "--public-key";
        args[3] = pub.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void oldGap_isIncomplete_exitThree_namingProducerAndNumbers() throws Exception {
        // sequence 3 and 5..6 never arrive; both revealed 37 s and more before the last entry
        int status = run(export("1", "2", "4", "7"));
        assertThat(status).as(printed()).isEqualTo(Main.INCOMPLETE);
        assertThat(printed()).contains("ok   entries: index 0..39").contains("gap  /eer/request-service sequence 3 "
                + "missing since 2026-11-26T10:00:02.123458Z")
                .endsWith("INCOMPLETE: 2 gap(s) in producer sequences: /eer/request-service sequence 3 missing since "
                        + "2026-11-26T10:00:02.123458Z; /eer/request-service sequences 5..6 missing since "
                        + "2026-11-26T10:00:03.123459Z\n");
    }

    @Test
    void gapFilledLater_isValid() throws Exception {
        String[] sequences = new String[40];
        sequences[0] = "1";
        sequences[1] = "3";
        sequences[39] = "2"; // late, as a republish brings it
        assertThat(run(export(sequences))).as(printed()).isEqualTo(Main.VALID);
        assertThat(printed()).doesNotContain("gap  ").doesNotContain("young").endsWith("VALID\n");
    }

    @Test
    void youngGap_isReportedButValid_untilTheGraceIsShorter() throws Exception {
        String[] sequences = new String[40];
        sequences[0] = "1";
        sequences[30] = "3"; // revealed 9 s before the last entry
        assertThat(run(export(sequences))).as(printed()).isEqualTo(Main.VALID);
        assertThat(printed()).contains("young gap").contains("/eer/request-service sequence 2");

        out.reset();
        assertThat(run(export(sequences), "--gap-grace", "5")).as(printed()).isEqualTo(Main.INCOMPLETE);
    }

    @Test
    void eventsWithoutAValidSequence_areNotCounted() throws Exception {
        String[] sequences = new String[40];
        sequences[0] = "1";
        sequences[1] = "0";
        sequences[2] = "07";
        sequences[3] = "-5";
        sequences[4] = "2";
        assertThat(run(export(sequences))).as(printed()).isEqualTo(Main.VALID);
    }

    @Test
    void tamperingStillWinsOverCompleteness() throws Exception {
        ExportBuilder export = export("1", "3");
        export.checkpoint(40, key.getPrivate(), "k1");
        String tampered = export.ndjson().replace("\"sequence\":\"3\"", "\"sequence\":\"2\"");
        Path file = Files.writeString(dir.resolve("t.ndjson"), tampered);
        Path pub = Files.writeString(dir.resolve("k.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        int status = Main.run(new String[] {"--export", file.toString(), "--public-key", pub.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(Main.INVALID);
        assertThat(printed()).contains("INVALID: leaf mismatch at index 1");
    }
}
