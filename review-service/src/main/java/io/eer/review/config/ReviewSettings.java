package io.eer.review.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
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
}
