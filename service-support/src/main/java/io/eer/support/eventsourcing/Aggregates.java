package io.eer.support.eventsourcing;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.MalformedEventException;
import io.eer.support.decider.Decider;
import io.eer.support.decider.Decision;
import io.eer.support.outbox.ConcurrentChangeException;
import io.eer.support.outbox.EventStore;
import io.eer.support.outbox.StoredEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command against an event-sourced aggregate, in the caller's transaction: loads the aggregate's events
 * from {@code domain_event}, folds them, decides, and stores what was decided (public events also to the outbox).
 * A concurrent writer that appended after the version this command was decided on makes the append fail with
 * {@link ConcurrentChangeException} before anything is written; {@link #execute} then loads, decides and appends again
 * in the same transaction, up to {@value #ATTEMPTS} times, so a caller sees no conflict a retry resolves (a user
 * completing a review while the reminder poller appends its reminder). Only this pure decide and the append are
 * repeated; what the caller does with the result runs once. Past the attempts the conflict goes on ({@code
 * FailurePolicy}: transient, the REST edge answers 409 "retry the request").
 */
@ApplicationScoped
public class Aggregates {

    /** How many times {@link #execute} decides and appends before a conflict goes on to the caller. */
    static final int ATTEMPTS = 3;

    private final EventStore events;

    Aggregates(EventStore events) {
        this.events = events;
    }

    /** The aggregate's history as its own events, oldest first, and its version (0 when it has none). */
    public <E> Uni<History<E>> load(String aggregateId, EventMapping<E> mapping) {
        return events.loadRows(aggregateId).map(rows -> {
            List<E> history = new ArrayList<>(rows.size());
            for (StoredEvent row : rows) {
                history.add(read(row, mapping));
            }
            return new History<>(history, rows.isEmpty() ? 0 : rows.get(rows.size() - 1).version);
        });
    }

    /** Decides {@code command} on the current state without storing anything. */
    public <S, C, E> Uni<Decision<E>> dryRun(String aggregateId, Decider<S, C, E> decider, EventMapping<E> mapping,
            C command) {
        return load(aggregateId, mapping).map(history -> decider.decide(history.events(), command));
    }

    /** Decides {@code command} and stores the new events after the version it decided on. */
    public <S, C, E> Uni<Executed<S, E>> execute(String aggregateId, Decider<S, C, E> decider,
            EventMapping<E> mapping, C command) {
        return execute(aggregateId, decider, mapping, command, 1);
    }

    private <S, C, E> Uni<Executed<S, E>> execute(String aggregateId, Decider<S, C, E> decider,
            EventMapping<E> mapping, C command, int attempt) {
        return decideAndAppend(aggregateId, decider, mapping, command)
                .onFailure(ConcurrentChangeException.class).recoverWithUni(conflict -> attempt >= ATTEMPTS
                        ? Uni.createFrom().failure(conflict)
                        : execute(aggregateId, decider, mapping, command, attempt + 1));
    }

    private <S, C, E> Uni<Executed<S, E>> decideAndAppend(String aggregateId, Decider<S, C, E> decider,
            EventMapping<E> mapping, C command) {
        return load(aggregateId, mapping).chain(history -> {
            S before = decider.fold(history.events());
            Decision<E> decision = decider.decide(before, command);
            List<E> decided = decision.events();
            S after = before;
            for (E event : decided) {
                after = decider.evolve(after, event);
            }
            S state = after;
            return events.append(aggregateId, history.version(), decided.stream().map(mapping::toStored).toList())
                    .map(published -> new Executed<>(decision, state, published));
        });
    }

    /**
     * Feeds every stored row, oldest first, to {@code apply}, {@code pageSize} at a time: how a service rebuilds its
     * projections from its own event log. Answers the number of rows read.
     */
    public Uni<Long> replayAll(int pageSize, java.util.function.Function<StoredEvent, Uni<Void>> apply) {
        return replayFrom(0L, 0L, pageSize, apply);
    }

    private Uni<Long> replayFrom(long afterId, long done, int pageSize,
            java.util.function.Function<StoredEvent, Uni<Void>> apply) {
        return StoredEvent.<StoredEvent>find("id > ?1 order by id", afterId).page(0, pageSize).list()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(done);
                    }
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (StoredEvent row : rows) {
                        chain = chain.chain(() -> apply.apply(row));
                    }
                    long last = rows.get(rows.size() - 1).id;
                    return chain.chain(() -> replayFrom(last, done + rows.size(), pageSize, apply));
                });
    }

    /** Reads one stored row back as the aggregate's own event. */
    public static <E> E read(StoredEvent row, EventMapping<E> mapping) {
        if (row.type.startsWith(EventStore.INTERNAL)) {
            try {
                return mapping.fromInternal(row.type.substring(EventStore.INTERNAL.length()),
                        EventCodec.mapper().readTree(row.payload));
            } catch (JsonProcessingException e) {
                throw new MalformedEventException("stored internal event " + row.eventId + " is not JSON", e);
            }
        }
        return mapping.fromPublished(EventCodec.decode(row.payload));
    }

    /** An aggregate's events, oldest first, and the version of the last one. */
    public record History<E>(List<E> events, long version) {
    }

    /** What {@link #execute} did: the decision, the state after it, and the envelopes queued for publication. */
    public record Executed<S, E>(Decision<E> decision, S state, List<EventEnvelope> published) {
    }
}
