package io.eer.review.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** What can be asked of a review. */
public sealed interface ReviewCommand {

    /** Open the review {@code reviewId} of {@code access}. */
    record Schedule(ReviewId reviewId, AccessUnderReview access) implements ReviewCommand {
        public Schedule {
            Objects.requireNonNull(reviewId, "reviewId");
            Objects.requireNonNull(access, "access");
        }
    }

    /**
     * {@code reviewer}, member of {@code reviewerGroups} (from the token), completes the review;
     * {@code attestationRequired}: the access was break-glass (EMERGENCY), so its beneficiary's attestation must be in.
     */
    record Complete(String reviewer, Set<String> reviewerGroups, Outcome outcome, String findings,
            boolean attestationRequired) implements ReviewCommand {
        public Complete {
            reviewerGroups = Set.copyOf(reviewerGroups);
        }

        public Complete(String reviewer, Set<String> reviewerGroups, Outcome outcome, String findings) {
            this(reviewer, reviewerGroups, outcome, findings, false);
        }
    }

    /** {@code caller} attests what they did with the access and why; {@code beneficiary}: who received it. */
    record Attest(String caller, String beneficiary, String statement, Instant at) implements ReviewCommand {
    }

    /**
     * At {@code now}, remind the reviewers of a review still open after its due time; from reminder
     * {@code escalateFrom} on, {@code escalationGroups} are told as well.
     */
    record Remind(Instant now, int escalateFrom, List<String> escalationGroups) implements ReviewCommand {
        public Remind {
            Objects.requireNonNull(now, "now");
            escalationGroups = List.copyOf(escalationGroups);
        }
    }
}
