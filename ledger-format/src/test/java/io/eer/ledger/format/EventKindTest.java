package io.eer.ledger.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.contracts.EventTypes;
import io.eer.contracts.events.Approved;
import java.util.Arrays;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class EventKindTest {

    @Test
    void everyEventOfTheContracts_hasAKind_withTheContractsTypeString() {
        assertThat(Arrays.stream(EventKind.values()).map(EventKind::type).filter(Objects::nonNull))
                .containsExactlyInAnyOrderElementsOf(EventTypes.all());
        for (String type : EventTypes.all()) {
            assertThat(EventKind.of(type)).as(type).isNotEqualTo(EventKind.OTHER);
            assertThat(EventKind.of(type).type()).isEqualTo(type);
        }
        assertThat(EventKind.APPROVED.type()).isEqualTo(EventTypes.typeOf(Approved.class));
    }

    @Test
    void unknownOrMissingTypes_areOther() {
        assertThat(EventKind.of("io.eer.Bench.v1")).isEqualTo(EventKind.OTHER);
        assertThat(EventKind.of("io.eer.Approved.v2")).isEqualTo(EventKind.OTHER);
        assertThat(EventKind.of(null)).isEqualTo(EventKind.OTHER);
        assertThat(EventKind.OTHER.type()).isNull();
    }
}
