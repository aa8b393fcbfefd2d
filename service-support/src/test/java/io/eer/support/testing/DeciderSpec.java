package io.eer.support.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.eer.support.decider.Decider;
import io.eer.support.decider.Decision;
import io.eer.support.decider.Rule;
import java.util.List;

/**
 * Tests a {@link Decider} as given events, a command, and the expected events or refusal:
 *
 * <pre>{@code
 * DeciderSpec.given(decider, opened, approvedByAlice)
 *         .when(new Decide(bob, APPROVE))
 *         .then(new Concluded(...));
 * DeciderSpec.given(decider, opened).when(new Decide(requester, APPROVE)).thenRefused(Refusal.SEPARATION_OF_DUTIES);
 * }</pre>
 */
public final class DeciderSpec<S, C, E> {

    private final Decider<S, C, E> decider;
    private final List<E> history;

    private DeciderSpec(Decider<S, C, E> decider, List<E> history) {
        this.decider = decider;
        this.history = history;
    }

    @SafeVarargs
    public static <S, C, E> DeciderSpec<S, C, E> given(Decider<S, C, E> decider, E... history) {
        return new DeciderSpec<>(decider, List.of(history));
    }

    public static <S, C, E> DeciderSpec<S, C, E> given(Decider<S, C, E> decider, List<? extends E> history) {
        return new DeciderSpec<>(decider, List.copyOf(history));
    }

    public When when(C command) {
        return new When(decider.decide(history, command));
    }

    /** The state the history folds to, for assertions on {@code evolve}. */
    public S state() {
        return decider.fold(history);
    }

    public final class When {
        private final Decision<E> decision;

        private When(Decision<E> decision) {
            this.decision = decision;
        }

        /** Accepted, with exactly these events in this order (none: an idempotent repeat). */
        @SafeVarargs
        public final List<E> then(E... expected) {
            assertThat(decision).as("decision").isInstanceOf(Decision.Accepted.class);
            assertThat(decision.events()).containsExactly(expected);
            return decision.events();
        }

        /** Accepted; the events are returned for assertions that cannot name them whole (generated ids, times). */
        public List<E> thenAccepted() {
            assertThat(decision).as("decision").isInstanceOf(Decision.Accepted.class);
            return decision.events();
        }

        /** Refused under {@code rule}; the detail is returned for assertions on the wording. */
        public String thenRefused(Rule rule) {
            assertThat(decision).as("decision").isInstanceOf(Decision.Refused.class);
            Decision.Refused<E> refused = (Decision.Refused<E>) decision;
            assertThat(refused.rule()).isEqualTo(rule);
            return refused.detail();
        }

        public Decision<E> decision() {
            return decision;
        }
    }
}
