package io.eer.expiry.infra.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.Topics;
import io.eer.contracts.events.AccessExpired;
import io.eer.expiry.domain.GrantId;
import io.eer.expiry.domain.RequestId;
import io.eer.expiry.domain.TimerEvent;
import io.eer.expiry.domain.TimerEvent.TimerCancelled;
import io.eer.expiry.domain.TimerEvent.TimerFired;
import io.eer.expiry.domain.TimerEvent.TimerScheduled;
import io.eer.support.eventsourcing.StoredForm;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimerEventMappingTest {

    private static final TimerEventMapping MAPPING = TimerEventMapping.INSTANCE;
    private static final GrantId GRANT = new GrantId("grant-1");
    private static final RequestId REQUEST = new RequestId("request-1");
    private static final Instant DEADLINE = Instant.parse("2026-11-26T10:30:00.123456Z");

    @Test
    void timerFired_isPublishedAsAccessExpired() {
        StoredForm stored = MAPPING.toStored(new TimerFired(GRANT, REQUEST, DEADLINE, DEADLINE.plusMillis(40), 40));

        assertThat(stored).isEqualTo(new StoredForm.Published(Topics.EXPIRIES,
                new AccessExpired("grant-1", "request-1", DEADLINE, DEADLINE.plusMillis(40), 40)));
        TimerEvent back = MAPPING.fromPublished(EventEnvelope.of("e-1", "/eer/expiry-service", DEADLINE,
                ((StoredForm.Published) stored).event()));
        assertThat(back).isEqualTo(new TimerFired(GRANT, REQUEST, DEADLINE, DEADLINE.plusMillis(40), 40));
    }

    @Test
    void scheduledAndCancelled_areInternal_andReadBackUnchanged() {
        TimerEvent scheduled = new TimerScheduled(GRANT, REQUEST, DEADLINE, DEADLINE.minusSeconds(3600));
        TimerEvent cancelled = new TimerCancelled(GRANT, REQUEST, DEADLINE.minusSeconds(60), "REVOKED_EARLY");

        for (TimerEvent event : new TimerEvent[] {scheduled, cancelled}) {
            StoredForm.Internal stored = (StoredForm.Internal) MAPPING.toStored(event);
            assertThat(MAPPING.fromInternal(stored.name(), EventCodec.mapper().valueToTree(stored.body())))
                    .isEqualTo(event);
        }
    }

    @Test
    void migratedRows_asV2WritesThem_areReadBack() { // V2__timer_history.sql writes microsecond ISO strings
        var body = EventCodec.mapper().createObjectNode().put("grantId", "grant-1").put("requestId", "request-1")
                .put("deadline", "2026-11-26T10:30:00.123456Z").put("scheduledAt", "2026-11-26T09:30:00.000000Z");

        assertThat(MAPPING.fromInternal("TimerScheduled", body)).isEqualTo(new TimerScheduled(GRANT, REQUEST, DEADLINE,
                Instant.parse("2026-11-26T09:30:00Z")));
    }
}
