package io.eer.support.eventsourcing;

import io.eer.contracts.EventEnvelope;
import io.eer.support.decider.Decider;
import io.eer.support.decider.Decision;
import io.eer.support.outbox.EventStore;
import io.eer.support.outbox.StoredEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Aggregates#execute} for many aggregates of one kind at once, in the caller's transaction: their events loaded
 * in one query, the decider run per aggregate (as ever), what was decided stored in a few multi-row statements
 * ({@link EventStore#appendAll}). For work that decides the same command on a batch of aggregates, such as timers
 * that fell due together. The guarantee is {@code execute}'s: a concurrent writer that decided on the same version of
 * any of them makes the whole statement, and so the caller's transaction, fail; run again, it decides on the new
 * history. An aggregate whose events cannot be read or folded, or whose decider throws, is answered as
 * {@link Failed} and stores nothing; the others go ahead.
 */
@ApplicationScoped
public class AggregateBatch {

    private final EventStore events;

    AggregateBatch(EventStore events) {
        this.events = events;
    }

    /** One aggregate's command, and the traceparent its events are to carry (empty: none). */
    public record Item<C>(String aggregateId, C command, Optional<String> traceparent) {
    }

    /** What became of one item. */
    public sealed interface Outcome<S, E> {
        String aggregateId();
    }

    /** Decided (accepted or refused); accepted events are stored, public ones queued for publication. */
    public record Done<S, E>(String aggregateId, Decision<E> decision, S state, List<EventEnvelope> published)
            implements Outcome<S, E> {
    }

    /** Not decided: its history could not be read or folded, or the decider threw. Nothing stored for it. */
    public record Failed<S, E>(String aggregateId, RuntimeException error) implements Outcome<S, E> {
    }

    /** Runs each item's command on its aggregate; answers one outcome per item, in the items' order. */
    public <S, C, E> Uni<List<Outcome<S, E>>> executeAll(List<Item<C>> items, Decider<S, C, E> decider,
            EventMapping<E> mapping) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return events.loadRows(items.stream().map(Item::aggregateId).distinct().toList()).chain(histories -> {
            List<Outcome<S, E>> decided = new ArrayList<>();
            List<EventStore.Append> appends = new ArrayList<>();
            List<Integer> appended = new ArrayList<>(); // index in `decided` of each append
            for (Item<C> item : items) {
                List<StoredEvent> rows = histories.getOrDefault(item.aggregateId(), List.of());
                try {
                    List<E> history = new ArrayList<>(rows.size());
                    for (StoredEvent row : rows) {
                        history.add(Aggregates.read(row, mapping));
                    }
                    S state = decider.fold(history);
                    Decision<E> decision = decider.decide(state, item.command());
                    for (E event : decision.events()) {
                        state = decider.evolve(state, event);
                    }
                    long version = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).version;
                    if (!decision.events().isEmpty()) {
                        appended.add(decided.size());
                        appends.add(new EventStore.Append(item.aggregateId(), version,
                                decision.events().stream().map(mapping::toStored).toList(), item.traceparent()));
                    }
                    decided.add(new Done<>(item.aggregateId(), decision, state, List.of()));
                } catch (RuntimeException e) {
                    decided.add(new Failed<>(item.aggregateId(), e));
                }
            }
            return events.appendAll(appends).map(published -> {
                for (int i = 0; i < appended.size(); i++) {
                    Done<S, E> done = (Done<S, E>) decided.get(appended.get(i));
                    decided.set(appended.get(i), new Done<>(done.aggregateId(), done.decision(), done.state(),
                            published.get(i)));
                }
                return decided;
            });
        });
    }
}
