package io.eer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.verifier.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeExportTest {

    @TempDir
    Path dir;

    /** A run's export as the service writes one: a header, three entries of two producers, no checkpoint needed. */
    private Path runExport() throws IOException {
        Path export = dir.resolve("export.ndjson");
        Files.write(export, List.of(
                "{\"type\":\"header\",\"format\":\"eer-ledger-export/1\",\"origin\":\"eer-audit\",\"from\":0,\"to\":3}",
                entry(0, "eer.requests", "{\"data\":{\"requestId\":\"bench-1\"},\"id\":\"e-1\",\"sequence\":\"1\","
                        + "\"source\":\"/eer/request-service\",\"specversion\":\"1.0\",\"subject\":\"bench-1\","
                        + "\"type\":\"io.eer.EmergencyRequested.v1\"}"),
                entry(1, "eer.approvals", "{\"data\":{\"requestId\":\"bench-1\",\"note\":\"ünï \\\"q\\\"\"},"
                        + "\"id\":\"e-2\",\"sequence\":\"1\",\"source\":\"/eer/approval-service\","
                        + "\"specversion\":\"1.0\",\"subject\":\"bench-1\",\"type\":\"io.eer.Approved.v1\"}"),
                entry(2, "eer.requests", "{\"data\":{\"requestId\":\"bench-1\"},\"id\":\"e-3\",\"sequence\":\"2\","
                        + "\"source\":\"/eer/request-service\",\"specversion\":\"1.0\",\"subject\":\"bench-1\","
                        + "\"type\":\"io.eer.RequestApproved.v1\"}")), StandardCharsets.UTF_8);
        return export;
    }

    private static String entry(int index, String topic, String event) {
        // leaf and chain are the run's and are not copied: the large export computes its own
        return "{\"type\":\"entry\",\"index\":" + index + ",\"recordedAt\":\"2026-12-06T02:25:19.44074" + index
                + "Z\",\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":" + index + ",\"leaf\":\"00\","
                + "\"chain\":\"00\",\"event\":" + event + "}";
    }

    @Test
    void write_givesAnExportTheVerifierFindsValid_everyCheckpointSignedAndNoSequenceGap() throws IOException {
        LargeExport.Written written = LargeExport.write(runExport(), 1_000, 300, dir.resolve("large.ndjson"));

        assertThat(written.entries()).isEqualTo(1_000);
        assertThat(written.checkpoints()).isEqualTo(4); // sizes 0, 300, 600, 900
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--export", written.export().toString(), "--public-key",
            written.publicKey().toString(), "--key-id", LargeExport.KEY_ID},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isZero();
        assertThat(output).contains("index 0..999 (1000)").contains("checkpoint 3: size 900").endsWith("VALID\n");
        assertThat(Files.readAllLines(written.export()).get(4)).contains("\"subject\":\"bench1-1\"")
                .contains("\"sequence\":\"3\"");
    }
}
