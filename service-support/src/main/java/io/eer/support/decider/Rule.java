package io.eer.support.decider;

import java.util.Locale;

/**
 * A named rule a command can break. A service's refusal reasons are an enum implementing this; the REST edge turns
 * a refusal into a problem whose {@code rule} member is {@link #rule()} (for example {@code SEPARATION_OF_DUTIES}
 * becomes {@code separation-of-duties}).
 */
public interface Rule {

    String name();

    default String rule() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
