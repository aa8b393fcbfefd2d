package io.eer.support.decider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eer.support.testing.DeciderSpec;
import org.junit.jupiter.api.Test;

/** The decider contract and its fixture, on a door that opens once and closes once. */
class DeciderTest {

    enum Refusal implements Rule { ALREADY_CLOSED, NOT_OPEN }

    sealed interface Command permits Open, Close { }

    record Open(String by) implements Command { }

    record Close(String by) implements Command { }

    sealed interface Event permits Opened, Closed { }

    record Opened(String by) implements Event { }

    record Closed(String by) implements Event { }

    enum Door { NEW, OPEN, CLOSED }

    static final Decider<Door, Command, Event> DOOR = new Decider<>() {
        @Override
        public Door initialState() {
            return Door.NEW;
        }

        @Override
        public Decision<Event> decide(Door state, Command command) {
            if (command instanceof Open open) {
                return state == Door.NEW ? Decision.accept(new Opened(open.by())) : Decision.nothing();
            }
            if (state == Door.CLOSED) {
                return Decision.refuse(Refusal.ALREADY_CLOSED, "the door was closed already");
            }
            return state == Door.OPEN ? Decision.accept(new Closed(((Close) command).by()))
                    : Decision.refuse(Refusal.NOT_OPEN, "the door was never opened");
        }

        @Override
        public Door evolve(Door state, Event event) {
            return event instanceof Opened ? Door.OPEN : Door.CLOSED;
        }
    };

    @Test
    void decide_whenNew_opens() {
        DeciderSpec.given(DOOR).when(new Open("alice")).then(new Opened("alice"));
    }

    @Test
    void decide_whenOpenedAlready_changesNothing() {
        DeciderSpec.given(DOOR, new Opened("alice")).when(new Open("bob")).then();
    }

    @Test
    void decide_whenClosed_refusesNamingTheRule() {
        String detail = DeciderSpec.given(DOOR, new Opened("alice"), new Closed("alice"))
                .when(new Close("bob")).thenRefused(Refusal.ALREADY_CLOSED);
        assertThat(detail).contains("closed already");
        assertThat(Refusal.ALREADY_CLOSED.rule()).isEqualTo("already-closed");
    }

    @Test
    void fold_appliesEveryEventInOrder() {
        assertThat(DeciderSpec.given(DOOR, new Opened("a"), new Closed("a")).state()).isEqualTo(Door.CLOSED);
        assertThat(DOOR.fold(java.util.List.of())).isEqualTo(Door.NEW);
    }

    @Test
    void then_failsWhenTheEventsDiffer() {
        assertThatThrownBy(() -> DeciderSpec.given(DOOR).when(new Open("alice")).then(new Opened("bob")))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> DeciderSpec.given(DOOR).when(new Close("alice")).then())
                .isInstanceOf(AssertionError.class);
    }
}
