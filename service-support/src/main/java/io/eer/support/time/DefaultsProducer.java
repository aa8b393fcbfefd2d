package io.eer.support.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.util.UUID;

/** The production clock and id source; a test may replace either with its own bean. */
@ApplicationScoped
public class DefaultsProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @DefaultBean
    @ApplicationScoped
    Ids ids() {
        return () -> UUID.randomUUID().toString();
    }
}
