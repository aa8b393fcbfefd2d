package io.eer.audit.ledger.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code eer.audit.*}, checked at start-up. */
@ConfigMapping(prefix = "eer.audit")
public interface AuditSettings {

    /** Ledger rows read per database query when streaming, verifying or rebuilding; bounds the memory used. */
    @WithDefault("500")
    int chunkSize();

    /** Largest {@code limit} one {@code GET /v1/audit/events} accepts; larger exports page with {@code from}. */
    @WithDefault("100000")
    int maxLimit();

    /**
     * Retries of a batch append that failed for a reason other than a record's own (database unavailable, ...)
     * before its events are appended one at a time (LedgerConsumer). The partitions wait meanwhile, so the ledger
     * keeps their order.
     */
    @WithDefault("10")
    int appendRetries();

    /** First back-off between retries; it doubles each time, up to {@link #appendMaxBackoff()}. */
    @WithDefault("200ms")
    Duration appendBackoff();

    @WithDefault("5s")
    Duration appendMaxBackoff();

    /**
     * How long a gap in a producer's {@code sequence} may stay open before it counts: {@code /v1/audit/verify} is then
     * not ok and a {@code ledger-gap} alert is raised (once per gap). Younger gaps are reported, not failed: events of
     * several topics and partitions may arrive in any order.
     */
    @WithDefault("30s")
    Duration gapAlertAfter();

    /** How often open gaps are checked against {@link #gapAlertAfter()}. */
    @WithDefault("5s")
    Duration gapCheckInterval();
}
