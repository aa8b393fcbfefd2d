package io.eer.audit.insight.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code eer.projection.*}: the projector that follows the ledger. */
@ConfigMapping(prefix = "eer.projection")
public interface ProjectionSettings {

    /** Whether this instance follows the ledger (projections and alert rules). Off only for special test runs. */
    @WithDefault("true")
    boolean enabled();

    /** How often the projector looks for new ledger entries. */
    @WithDefault("0.2s")
    Duration pollInterval();

    /** Ledger entries applied per transaction. */
    @WithDefault("200")
    int batchSize();

    /**
     * Ledger entries replayed per transaction by a rebuild (each chunk is committed with the position, so memory
     * stays flat however long the ledger).
     */
    @WithDefault("2000")
    int rebuildChunk();
}
