package io.eer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTimesTest {

    private static String line(String type, String time, String data) {
        return "{\"index\":1,\"event\":{\"type\":\"io.eer." + type + ".v1\",\"subject\":\"r1\",\"time\":\"" + time
                + "\",\"data\":" + data + "}}";
    }

    @Test
    void latencies_areTakenFromTheEventsOwnTimes(@TempDir Path dir) throws Exception {
        Path export = dir.resolve("export.ndjson");
        Files.write(export, List.of(
                line("EmergencyRequested", "2026-12-05T10:00:00.000Z", "{}"),
                line("Approved", "2026-12-05T10:00:00.040Z", "{}"),
                line("AccessGranted", "2026-12-05T10:00:00.125Z", "{\"expiresAt\":\"2026-12-05T10:00:30.125Z\"}"),
                line("AccessExpired", "2026-12-05T10:00:30.200Z",
                        "{\"deadline\":\"2026-12-05T10:00:30.125Z\",\"firedAt\":\"2026-12-05T10:00:30.132Z\"}"),
                line("AccessRevoked", "2026-12-05T10:00:30.300Z", "{\"revokedAt\":\"2026-12-05T10:00:30.275Z\"}"),
                "{\"checkpoint\":{\"size\":5}}"));

        LedgerTimes ledger = new LedgerTimes(export);

        assertThat(ledger.sinceRequested(List.of("r1"), "Approved").getMaxValue()).isBetween(39_900L, 40_100L);
        assertThat(ledger.sinceRequested(List.of("r1"), "AccessGranted").getMaxValue()).isBetween(124_900L, 125_100L);
        assertThat(ledger.expiryLateness(List.of("r1")).getMaxValue()).isBetween(6_990L, 7_010L);
        assertThat(ledger.deadlineToRevoked(List.of("r1")).getMaxValue()).isBetween(149_900L, 150_100L);
        assertThat(ledger.count(List.of("r1", "r2"), "AccessRevoked")).isEqualTo(1);
        Histogram none = ledger.sinceRequested(List.of("r2"), "Approved");
        assertThat(none.getTotalCount()).isZero();
    }

    @Test
    void parse_readsRatesAndRequiresTheKeys() {
        Bench.Settings s = Bench.parse(new String[] {"--private-key", "k.pem", "--issuer", "i", "--verifier-jar", "v",
                "--public-key", "p", "--key-id", "id", "--out", "o", "--rates", "2:10,50:3"});
        assertThat(s.phases()).hasSize(2);
        assertThat(s.phases().get(1)).containsExactly(50, 3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bench.parse(new String[] {"--issuer", "i"}))
                .hasMessageContaining("--private-key");
    }
}
