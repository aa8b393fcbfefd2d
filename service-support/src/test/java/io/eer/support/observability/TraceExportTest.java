package io.eer.support.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The run-time switch of trace export (EER_OTEL_ENDPOINT); request-service's TraceExportTest sends real spans. */
class TraceExportTest {

    @Test
    void withoutAnEndpoint_theSdkNeverHandsItASpan() {
        for (Optional<String> none : java.util.List.of(Optional.<String>empty(), Optional.of("  "))) {
            TraceExport off = new TraceExport(none);
            assertThat(off.exporting()).isFalse();
            assertThat(off.isStartRequired()).isFalse();
            assertThat(off.isEndRequired()).isFalse(); // the SDK leaves such a processor out entirely
            assertThat(off.shutdown().isSuccess()).isTrue();
        }
    }

    @Test
    void withAnEndpoint_everyEndedSpanGoesToTheBatch() {
        TraceExport on = new TraceExport(Optional.of("http://127.0.0.1:4318"));
        try {
            assertThat(on.exporting()).isTrue();
            assertThat(on.isEndRequired()).isTrue();
        } finally {
            on.shutdown();
        }
    }

    @Test
    void theTracesPath_isAddedToABaseEndpoint_once() {
        assertThat(TraceExport.tracesUrl("http://collector:4318")).isEqualTo("http://collector:4318/v1/traces");
        assertThat(TraceExport.tracesUrl("http://collector:4318/")).isEqualTo("http://collector:4318/v1/traces");
        assertThat(TraceExport.tracesUrl("https://c.example/v1/traces")).isEqualTo("https://c.example/v1/traces");
    }
}
