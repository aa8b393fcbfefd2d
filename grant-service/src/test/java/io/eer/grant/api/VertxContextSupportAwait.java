package io.eer.grant.api;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** Runs reactive database work from a test thread on a Vert.x context (Hibernate Reactive needs one), and waits. */
final class VertxContextSupportAwait {

    private VertxContextSupportAwait() {
    }

    static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException("database work in a test failed", e);
        }
    }
}
