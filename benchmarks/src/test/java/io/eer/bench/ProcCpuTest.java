package io.eer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcCpuTest {

    @Test
    void cpuOfAProcessTree_countsTheRootAndItsChildren(@TempDir Path pids) throws Exception {
        Files.writeString(pids.resolve("self.pid"), Long.toString(ProcessHandle.current().pid()));
        ProcCpu cpu = new ProcCpu(pids);
        Map<String, Long> before = cpu.sample();
        // a child that burns CPU until it is stopped: counted while alive (a descendant), then as cutime once reaped
        Process child = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);
        long spin = 0;
        while (System.nanoTime() < until) {
            spin++;
        }
        Map<String, Double> alive = ProcCpu.spentMillis(before, cpu.sample());
        child.destroyForcibly().waitFor();
        Map<String, Double> reaped = ProcCpu.spentMillis(before, cpu.sample());

        assertThat(spin).isPositive();
        assertThat(alive.get("self")).as("the spin and the child, on a busy machine too").isPositive();
        assertThat(reaped.get("self")).as("the reaped child still counts").isGreaterThanOrEqualTo(alive.get("self"));
        assertThat(ProcCpu.breakdown(Map.of("a", 10.0, "b", 30.0))).isEqualTo("b 30, a 10");
    }

    @Test
    void aLifecycleCopy_getsFreshIds_consistentAcrossItsEvents() {
        List<LedgerPhase.Template> lifecycle = List.of(
                new LedgerPhase.Template("eer.requests", "{\"id\":\"e1\",\"subject\":\"r-1\",\"data\":{\"requestId\":\"r-1\"}}"),
                new LedgerPhase.Template("eer.grants", "{\"id\":\"e2\",\"subject\":\"r-1\",\"data\":{\"grantId\":\"g-1\","
                        + "\"requestId\":\"r-1\"}}"),
                new LedgerPhase.Template("eer.expiries", "{\"id\":\"e3\",\"subject\":\"r-1\",\"data\":{\"grantId\":\"g-1\","
                        + "\"requestId\":\"r-1\"}}"));

        List<LedgerPhase.Template> a = LedgerPhase.fresh(lifecycle);
        List<LedgerPhase.Template> b = LedgerPhase.fresh(lifecycle);

        assertThat(a).extracting(LedgerPhase.Template::json).noneMatch(j -> j.contains("r-1") || j.contains("g-1")
                || j.contains("\"e1\"") || j.contains("\"e2\""));
        String request = a.get(0).json().replaceAll(".*\"requestId\":\"([^\"]+)\".*", "$1");
        assertThat(request).startsWith("bench-");
        assertThat(a).allMatch(t -> t.json().contains("\"subject\":\"" + request + "\""));
        String grant = a.get(1).json().replaceAll(".*\"grantId\":\"([^\"]+)\".*", "$1");
        assertThat(a.get(2).json()).contains(grant);
        assertThat(b.get(0).json()).doesNotContain(request);
        assertThat(a).extracting(LedgerPhase.Template::topic).containsExactly("eer.requests", "eer.grants", "eer.expiries");
    }

    @Test
    void copiesAreResequenced_gapFreePerProducer_fromOne() {
        java.util.Map<String, Long> next = new java.util.HashMap<>();
        String request = "{\"id\":\"e1\",\"source\":\"/eer/request-service\",\"sequence\":\"88\",\"data\":{}}";
        String grant = "{\"id\":\"e2\",\"source\":\"/eer/grant-service\",\"sequence\":\"40\",\"data\":{}}";
        String unnumbered = "{\"id\":\"e3\",\"source\":\"/eer/grant-service\",\"data\":{}}";

        assertThat(LedgerPhase.resequence(request, next)).contains("\"sequence\":\"1\"").contains("\"id\":\"e1\"");
        assertThat(LedgerPhase.resequence(grant, next)).contains("\"sequence\":\"1\"");
        assertThat(LedgerPhase.resequence(request, next)).contains("\"sequence\":\"2\"");
        assertThat(LedgerPhase.resequence(unnumbered, next)).isEqualTo(unnumbered);
        assertThat(LedgerPhase.resequence(grant, next)).contains("\"sequence\":\"2\"");
    }
}
