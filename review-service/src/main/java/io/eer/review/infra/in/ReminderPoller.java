package io.eer.review.infra.in;

import io.eer.review.application.RemindOverdueReviews;
import io.eer.review.config.ReviewSettings;
import io.eer.support.poll.DuePollers;
import io.eer.support.poll.DueWork;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every {@code eer.review.reminders.poll}, claims the open reviews whose next reminder time has come (the read
 * model's {@code next_reminder_at}: the due time, then one reminder interval after each reminder) and reminds each
 * in the claiming transaction (service-support's {@code DuePoller}: a crash before the commit leaves it due, two
 * instances never take the same review).
 */
@ApplicationScoped
public class ReminderPoller {

    public static final String JOB = "review-reminders";
    static final int BATCH = 100;

    private final DuePollers pollers;
    private final RemindOverdueReviews remind;
    private final ReviewSettings settings;

    ReminderPoller(DuePollers pollers, RemindOverdueReviews remind, ReviewSettings settings) {
        this.pollers = pollers;
        this.remind = remind;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event) {
        pollers.start(new DueWork(JOB, "review", "review_id", "status = 'OPEN' and next_reminder_at <= ?1",
                "next_reminder_at, review_id", settings.reminders().poll(), BATCH, remind::execute));
    }
}
