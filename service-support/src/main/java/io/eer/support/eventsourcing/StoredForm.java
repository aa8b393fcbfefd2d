package io.eer.support.eventsourcing;

import io.eer.contracts.events.DomainEvent;
import java.util.Objects;

/**
 * How one of an aggregate's own events is kept in {@code domain_event}: as a public event-contracts event that is
 * also published through the outbox on {@code topic}, or as an internal record that only this service reads.
 */
public sealed interface StoredForm {

    /** Stored and published: the event gets the producer's next {@code sequence} and an outbox row. */
    record Published(String topic, DomainEvent event) implements StoredForm {
        public Published {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * Stored only (no sequence, no outbox row): a fact the aggregate needs to rebuild itself that no other service
     * consumes. {@code name} identifies the record's shape (type {@code internal:<name>}); {@code body} is written
     * with the contracts' JSON mapper.
     */
    record Internal(String name, Object body) implements StoredForm {
        public Internal {
            if (name == null || !name.matches("[A-Za-z][A-Za-z0-9.]{0,99}")) {
                throw new IllegalArgumentException("an internal event's name is a letter then letters, digits, dots");
            }
            Objects.requireNonNull(body, "body");
        }
    }
}
