package io.eer.expiry.application;

import io.eer.contracts.events.AccessGranted;
import io.eer.expiry.domain.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Arms the timer of a new grant. A grant has one timer: a second {@code AccessGranted} for the same grant (a
 * replay with a new event id) keeps the first deadline, so the grant still expires exactly once. Call inside a
 * transaction.
 */
@ApplicationScoped
public class ScheduleTimer {

    private static final Logger LOG = Logger.getLogger(ScheduleTimer.class);

    private final Clock clock;

    ScheduleTimer(Clock clock) {
        this.clock = clock;
    }

    public Uni<Void> execute(AccessGranted granted) {
        Timer timer = Timer.schedule(granted); // a grant without grantId, requestId or expiresAt is a poison event
        return Panache.getSession()
                .chain(session -> session
                        .createNativeQuery("insert into timer (grant_id, request_id, deadline, scheduled_at) "
                                + "values (?1, ?2, ?3, ?4) on conflict (grant_id) do nothing")
                        .setParameter(1, timer.grantId())
                        .setParameter(2, timer.requestId())
                        .setParameter(3, timer.deadline())
                        .setParameter(4, clock.instant())
                        .executeUpdate())
                .invoke(inserted -> {
                    if (inserted == 0) {
                        LOG.infof("grant %s already has a timer; the first deadline stays", timer.grantId());
                    }
                })
                .replaceWithVoid();
    }
}
