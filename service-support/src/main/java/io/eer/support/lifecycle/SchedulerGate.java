package io.eer.support.lifecycle;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The scheduler starts halted ({@code quarkus.scheduler.start-mode=halted}). This observer runs after Reactive
 * Messaging has connected its channels, so no job (outbox relay, expiry poll) runs before the service can publish;
 * at shutdown it pauses them so none runs against a closing connection pool. A job in flight at a crash simply runs
 * again after the restart: the relay republishes and consumers drop the repeat by event id.
 */
@ApplicationScoped
public class SchedulerGate {

    private final Scheduler scheduler;

    SchedulerGate(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    void open(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.LIBRARY_AFTER + 500) StartupEvent event) {
        scheduler.resume();
    }

    void close(@Observes ShutdownEvent event) {
        scheduler.pause();
    }
}
