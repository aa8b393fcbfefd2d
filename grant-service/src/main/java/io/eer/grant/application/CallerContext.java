package io.eer.grant.application;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Hibernate Reactive's session belongs to the Vert.x context that opened it. A connector's result may arrive on
 * another thread (its own pool's event loop, or a retry timer), so it is handed back to the caller's context.
 */
public final class CallerContext {

    private CallerContext() {
    }

    public static <T> Uni<T> resumeOn(Uni<T> work) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            if (context == null) {
                return work;
            }
            return work.emitOn(task -> context.runOnContext(ignored -> task.run()));
        });
    }
}
