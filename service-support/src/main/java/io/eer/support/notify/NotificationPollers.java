package io.eer.support.notify;

import io.eer.support.poll.DuePollers;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * Starts service-support's due-work poller for every {@link NotificationDelivery} bean of the service, when it may
 * post (the scheduler starts halted; {@code SchedulerGate} opens it once messaging is wired). A service without one
 * starts nothing.
 */
@ApplicationScoped
public class NotificationPollers {

    private final DuePollers pollers;
    private final Instance<NotificationDelivery> deliveries;

    NotificationPollers(DuePollers pollers, Instance<NotificationDelivery> deliveries) {
        this.pollers = pollers;
        this.deliveries = deliveries;
    }

    void start(@Observes StartupEvent event) {
        for (NotificationDelivery delivery : deliveries) {
            delivery.work().ifPresent(pollers::start);
        }
    }
}
