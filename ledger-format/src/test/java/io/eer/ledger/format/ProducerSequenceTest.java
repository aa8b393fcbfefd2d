package io.eer.ledger.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProducerSequenceTest {

    private static final Instant T = Instant.parse("2026-12-05T06:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> ranges(ProducerSequence sequence) {
        return sequence.gaps().stream().map(gap -> gap.first() + ".." + gap.last()).toList();
    }

    @Test
    void skippedNumbersOpenAGap_aNumberInsideSplitsIt_keepingWhenAndWhetherAlerted() {
        ProducerSequence p = ProducerSequence.empty("/eer/grant-service");
        assertThat(p.observe(1, T)).isTrue();
        assertThat(p.observe(2, T)).isTrue();
        assertThat(p.observe(7, T.plusSeconds(1))).isTrue();
        assertThat(ranges(p)).containsExactly("3..6");
        assertThat(p.contiguous()).isEqualTo(2);
        assertThat(p.highest()).isEqualTo(7);

        ProducerSequence alerted = new ProducerSequence("/eer/grant-service", 7,
                List.of(new SequenceGap("/eer/grant-service", 3, 6, T.plusSeconds(1), true)));
        assertThat(alerted.observe(5, T.plusSeconds(9))).isTrue();
        assertThat(ranges(alerted)).containsExactly("3..4", "6..6");
        assertThat(alerted.gaps()).allSatisfy(gap -> {
            assertThat(gap.openSince()).isEqualTo(T.plusSeconds(1));
            assertThat(gap.alerted()).isTrue();
        });
        alerted.observe(3, T);
        alerted.observe(4, T);
        assertThat(ranges(alerted)).containsExactly("6..6");
        assertThat(alerted.contiguous()).isEqualTo(5);
        alerted.observe(6, T);
        assertThat(alerted.gaps()).isEmpty();
        assertThat(alerted.contiguous()).isEqualTo(7);
        assertThat(alerted.observe(6, T)).as("a repeat").isFalse();
    }

    @Test
    void firstEventSeenAbove1_leavesTheEarlierNumbersMissing() {
        ProducerSequence p = ProducerSequence.empty("/eer/x");
        p.observe(3, T);
        assertThat(ranges(p)).containsExactly("1..2");
        assertThat(p.contiguous()).isZero();
    }

    @Test
    void onlyAJsonStringOfADecimalIntegerFrom1Counts() throws Exception {
        assertThat(ProducerSequence.sequenceOf(JSON.readTree("{\"sequence\":\"42\"}"))).hasValue(42);
        for (String bad : List.of("{\"sequence\":42}", "{\"sequence\":\"0\"}", "{\"sequence\":\"07\"}",
                "{\"sequence\":\"-1\"}", "{\"sequence\":\"1e3\"}", "{\"sequence\":\"99999999999999999999\"}", "{}")) {
            assertThat(ProducerSequence.sequenceOf(JSON.readTree(bad))).as(bad).isEmpty();
        }
    }

    @Test
    void completeness_overdueOnlyPastTheBound() throws Exception {
        Completeness completeness = new Completeness();
        completeness.observe(JSON.readTree("{\"source\":\"/eer/a\",\"sequence\":\"1\"}"), T);
        completeness.observe(JSON.readTree("{\"source\":\"/eer/a\",\"sequence\":\"3\"}"), T);
        completeness.observe(JSON.readTree("{\"source\":\"/eer/b\",\"sequence\":\"1\"}"), T);
        completeness.observe(JSON.readTree("{\"source\":\"/eer/b\"}"), T);
        assertThat(completeness.gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.producer()).isEqualTo("/eer/a");
            assertThat(gap.first()).isEqualTo(2);
        });
        assertThat(completeness.overdue(T.plusSeconds(30), Duration.ofSeconds(30))).isEmpty();
        assertThat(completeness.overdue(T.plusSeconds(31), Duration.ofSeconds(30))).hasSize(1);
    }
}
