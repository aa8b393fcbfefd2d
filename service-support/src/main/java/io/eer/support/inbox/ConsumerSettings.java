package io.eer.support.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** How batch channels are consumed ({@code eer.consumer.*}; {@link EventConsumer#consumeBatch}). */
@ConfigMapping(prefix = "eer.consumer")
public interface ConsumerSettings {

    /**
     * Whether a batch channel handles one poll's records in one transaction ({@code EER_CONSUMER_BATCH}); false
     * handles each record in a transaction of its own, as a single-record channel does.
     */
    @WithDefault("true")
    boolean batch();

    /**
     * The most records one poll hands over ({@code max.poll.records} of every batch channel, which reads this key;
     * {@code EER_CONSUMER_MAX_BATCH}). A batch's transaction holds the service's sequence row and its locks until it
     * commits, so a bigger batch saves more CPU under a backlog and makes a concurrent REST write wait longer.
     */
    @WithDefault("50")
    @Min(1)
    @Max(1000)
    int maxBatch();
}
