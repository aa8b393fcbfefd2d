package io.eer.review.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * Review settings; the defaults apply to a request whose policy rule names no review plan. A malformed or
 * non-positive {@code default-due-within} stops the start (Bean Validation); the groups cannot be empty
 * (an empty value is no value, and the default applies).
 */
@ConfigMapping(prefix = "eer.review")
public interface ReviewSettings {

    /** Reviewer groups when the request names none. */
    @WithDefault("secops")
    List<String> defaultReviewerGroups();

    /** Time from the end of the access to the review deadline when the request names none. */
    @WithDefault("P7D")
    @DurationMin(millis = 1)
    Duration defaultDueWithin();

    /** Where the evidence pack fetches ledger proofs: audit-service's REST API, with this service's own token. */
    Audit audit();

    interface Audit {
        /** audit-service's base URL, e.g. {@code http://127.0.0.1:8085}; absent: packs say the ledger is unavailable. */
        Optional<java.net.URI> url();

        /** A bearer token of this service's identity in the group {@code auditors} (a secret: never logged). */
        Optional<String> token();

        /** Per request to audit-service. */
        @WithDefault("PT5S")
        @DurationMin(millis = 1)
        Duration timeout();
    }

    /** The reviewers' webhook: told when a review is due and each time it is overdue. */
    Webhook webhook();

    interface Webhook {
        /** Incoming-webhook URL; a secret (it authorises posting), so it is never logged. Absent: nothing posted. */
        Optional<java.net.URI> url();

        /** HMAC-SHA256 key of the {@code X-EER-Signature} header ({@code EER_WEBHOOK_SECRET}). */
        Optional<String> secret();

        /** Tests only: post unsigned when no secret is set. */
        @WithDefault("false")
        boolean allowUnsigned();

        @WithDefault("PT5S")
        @DurationMin(millis = 1)
        Duration timeout();

        /** How often the queue is looked at. */
        @WithDefault("PT1S")
        @DurationMin(millis = 1)
        Duration poll();

        /** First retry delay; it doubles per attempt, up to ten minutes. */
        @WithDefault("PT5S")
        @DurationMin(millis = 1)
        Duration backoff();

        /** Attempts before a notification is given up (kept, with its last error). */
        @WithDefault("12")
        @Min(1)
        int maxAttempts();
    }

    /** Reminders of reviews still open after their due time. */
    Reminders reminders();

    interface Reminders {
        /** Time between two reminders of one overdue review (the first goes out at its due time). */
        @WithDefault("P1D")
        @DurationMin(millis = 1)
        Duration interval();

        /** From this reminder on (1 = the first) the review is escalated to {@link #escalationGroups()}. */
        @WithDefault("3")
        @Min(1)
        int escalateFrom();

        /** Who is told as well once a review is escalated. */
        @WithDefault("eer-admins")
        List<String> escalationGroups();

        /** How often the poller looks for reviews due a reminder. */
        @WithDefault("PT30S")
        @DurationMin(millis = 1)
        Duration poll();
    }
}
