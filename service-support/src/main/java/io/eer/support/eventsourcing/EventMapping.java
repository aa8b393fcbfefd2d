package io.eer.support.eventsourcing;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.contracts.EventEnvelope;

/**
 * The edge between an aggregate's own events (domain records, typed ids) and what is stored and published
 * (event-contracts records). One per aggregate, in the service's {@code infra.out} package; the domain never sees
 * event-contracts.
 *
 * @param <E> the aggregate's own events
 */
public interface EventMapping<E> {

    /** The stored (and, if public, published) form of {@code event}. */
    StoredForm toStored(E event);

    /** The domain event a stored public event stands for. */
    E fromPublished(EventEnvelope envelope);

    /** The domain event a stored internal record stands for ({@code name} as given to {@link StoredForm.Internal}). */
    E fromInternal(String name, JsonNode body);
}
