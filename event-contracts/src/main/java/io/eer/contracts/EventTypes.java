package io.eer.contracts;

import io.eer.contracts.events.DomainEvent;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Maps each event record to its CloudEvents type, {@code io.eer.<EventName>.v1}. */
public final class EventTypes {

    private static final Map<String, Class<? extends DomainEvent>> BY_TYPE = Arrays
            .stream(DomainEvent.class.getPermittedSubclasses())
            .map(EventTypes::asEventClass)
            .collect(Collectors.toUnmodifiableMap(EventTypes::typeOf, Function.identity()));

    private EventTypes() {
    }

    public static String typeOf(Class<? extends DomainEvent> eventClass) {
        return "io.eer." + eventClass.getSimpleName() + ".v1";
    }

    public static Optional<Class<? extends DomainEvent>> classOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static java.util.Set<String> all() {
        return BY_TYPE.keySet();
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends DomainEvent> asEventClass(Class<?> c) {
        return (Class<? extends DomainEvent>) c;
    }
}
