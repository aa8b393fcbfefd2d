package io.eer.support.decider;

import java.util.List;
import java.util.Objects;

/** What a {@link Decider} answers to a command: the new events (possibly none), or a refusal. */
public sealed interface Decision<E> {

    /** The command is accepted; {@code events} may be empty (a repeated command that changes nothing). */
    record Accepted<E>(List<E> events) implements Decision<E> {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    /** The command breaks {@code rule}; {@code detail} says why, for a person (never a secret). */
    record Refused<E>(Rule rule, String detail) implements Decision<E> {
        public Refused {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(detail, "detail");
        }
    }

    @SafeVarargs
    static <E> Decision<E> accept(E... events) {
        return new Accepted<>(List.of(events));
    }

    static <E> Decision<E> accept(List<? extends E> events) {
        return new Accepted<>(List.copyOf(events));
    }

    /** Accepted, and nothing changes (idempotent repeats). */
    static <E> Decision<E> nothing() {
        return new Accepted<>(List.of());
    }

    static <E> Decision<E> refuse(Rule rule, String detail) {
        return new Refused<>(rule, detail);
    }

    /** The new events; none when refused. */
    default List<E> events() {
        return this instanceof Accepted<E> accepted ? accepted.events() : List.of();
    }

    default boolean refused() {
        return this instanceof Refused<E>;
    }
}
