package io.eer.support.decider;

import java.util.List;

/**
 * An aggregate's rules as two pure functions, the one shape every EER service's domain takes
 * (docs/ARCHITECTURE.md, "The decider and the outbox"):
 *
 * <ul>
 *   <li>{@link #decide}: given the current state and a command, the new events, or a refusal naming the rule;</li>
 *   <li>{@link #evolve}: given a state and one event, the next state.</li>
 * </ul>
 *
 * The state is never stored: {@link #fold} rebuilds it from the aggregate's events ({@code domain_event}). Plain
 * Java on purpose, so that domain packages may implement it without depending on a framework.
 *
 * @param <S> the state (immutable; a record)
 * @param <C> the commands (a sealed interface of records)
 * @param <E> the aggregate's own events (a sealed interface of records, past tense)
 */
public interface Decider<S, C, E> {

    /** The state before the aggregate's first event. */
    S initialState();

    Decision<E> decide(S state, C command);

    S evolve(S state, E event);

    /** The state after {@code history}, oldest first. */
    default S fold(List<? extends E> history) {
        S state = initialState();
        for (E event : history) {
            state = evolve(state, event);
        }
        return state;
    }

    /** Folds {@code history}, then decides {@code command}: what a handler does, without storing anything. */
    default Decision<E> decide(List<? extends E> history, C command) {
        return decide(fold(history), command);
    }
}
