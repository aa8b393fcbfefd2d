package io.eer.review.application;

import io.eer.review.config.ReviewSettings;
import io.eer.review.domain.Review;
import io.eer.review.domain.ReviewCommand.Remind;
import io.eer.review.domain.ReviewEvent.ReviewOverdue;
import io.eer.review.infra.out.ReviewEventMapping;
import io.eer.review.infra.out.ReviewerNotifications;
import io.eer.review.projection.ReviewProjection;
import io.eer.review.projection.ReviewRow;
import io.eer.support.eventsourcing.Aggregates;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * One review whose reminder time has come (claimed by the reminder poller, in its transaction): the {@link Review}
 * decides a {@code ReviewOverdue} (published on {@code eer.reviews}; audit-service sees it, and reviewers' tooling
 * can act on it), escalated from the configured reminder on, and queues the reviewers' webhook notification; the read
 * model moves the next reminder one interval on.
 * A review completed meanwhile gets none and is no longer due.
 */
@ApplicationScoped
public class RemindOverdueReviews {

    private final Aggregates aggregates;
    private final ReviewSettings settings;
    private final Clock clock;
    private final ReviewerNotifications notifications;

    RemindOverdueReviews(Aggregates aggregates, ReviewSettings settings, Clock clock,
            ReviewerNotifications notifications) {
        this.notifications = notifications;
        this.aggregates = aggregates;
        this.settings = settings;
        this.clock = clock;
    }

    public Uni<Void> execute(String reviewId) {
        ReviewSettings.Reminders reminders = settings.reminders();
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return aggregates.execute(reviewId, Review.DECIDER, ReviewEventMapping.INSTANCE,
                new Remind(now, reminders.escalateFrom(), reminders.escalationGroups())).chain(executed -> {
                    if (!executed.decision().events().isEmpty()) {
                        ReviewOverdue overdue = (ReviewOverdue) executed.decision().events().get(0);
                        var at = executed.published().get(0).time().truncatedTo(ChronoUnit.MICROS);
                        return ReviewProjection.reminded(overdue, at, reminders.interval())
                                .chain(() -> notifications.overdue(overdue));
                    }
                    // nothing to remind (completed, or not yet due after all): no longer due now
                    return ReviewRow.<ReviewRow>findById(reviewId).invoke(row -> {
                        if (row != null) {
                            row.nextReminderAt = executed.state().status() == io.eer.review.domain.ReviewStatus.OPEN
                                    ? executed.state().scheduled().dueAt().plusNanos(1000) : null;
                        }
                    }).replaceWithVoid();
                });
    }
}
