package io.eer.review.infra;

import io.eer.contracts.events.Values.ReviewPlan;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Review settings; the defaults apply to a request whose policy rule names no review plan. */
@ConfigMapping(prefix = "eer.review")
public interface ReviewSettings {

    /** Reviewer groups when the request names none. */
    @WithDefault("secops")
    List<String> defaultReviewerGroups();

    /** Time from the end of the access to the review deadline when the request names none. */
    @WithDefault("P7D")
    Duration defaultDueWithin();

    default ReviewPlan defaults() {
        return new ReviewPlan(defaultReviewerGroups(), defaultDueWithin());
    }
}
