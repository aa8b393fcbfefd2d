package io.eer.grant.api;

import io.eer.grant.domain.GrantState;
import io.eer.support.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Bodies of the endpoints that change a live grant (early revocation, extension, its approval) and their answers.
 * A reason is free text (line breaks allowed, other control characters are refused by the shared input rules).
 */
final class GrantChangeBodies {

    static final int MAX_REASON = 1000;

    private GrantChangeBodies() {
    }

    /** {@code POST /v1/grants/{id}/revoke}: why the grant ends now. */
    public record RevokeBody(String reason) {
    }

    /**
     * {@code POST /v1/grants/{id}/extend}: the new deadline, as {@code expiresAt} or as the grant's new whole
     * {@code duration} counted from when it was granted (exactly one), and why.
     */
    public record ExtendBody(String duration, String expiresAt, String reason) {
    }

    /**
     * The answer to an extension or its approval: {@code extension} is {@code EXTENDED} (the deadline moved) or
     * {@code PENDING_APPROVAL} (waiting for a member of {@code approverGroups}); {@code expiresAt} is the deadline in
     * force, {@code requestedExpiresAt} the one asked for.
     */
    public record ExtensionView(String grantId, String requestId, String extension, Instant expiresAt,
            Instant requestedExpiresAt, List<String> approverGroups) {

        static ExtensionView of(GrantState state, Instant requested) {
            boolean pending = state.pendingExtension() != null;
            return new ExtensionView(state.grantId().value(), state.requestId().value(),
                    pending ? "PENDING_APPROVAL" : "EXTENDED", state.expiresAt(),
                    pending ? state.pendingExtension().expiresAt() : requested,
                    pending ? state.pendingExtension().approverGroups() : List.of());
        }
    }

    static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.badRequest("reason", "required", "say why (reason)");
        }
        if (reason.length() > MAX_REASON) {
            throw ProblemException.badRequest("reason", "max-length", "reason must be at most " + MAX_REASON
                    + " characters");
        }
        return reason;
    }

    /** The deadline asked for: {@code expiresAt}, or {@code grantedAt + duration}. */
    static Instant requestedDeadline(ExtendBody body, Instant grantedAt) {
        boolean byDuration = body.duration() != null;
        if (byDuration == (body.expiresAt() != null)) {
            throw ProblemException.badRequest(byDuration ? "expiresAt" : "duration", "exactly-one",
                    "give the new deadline as either duration (the grant's whole length) or expiresAt");
        }
        if (byDuration) {
            Duration duration;
            try {
                duration = Duration.parse(body.duration());
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest("duration", "iso-8601-duration",
                        "duration must be an ISO-8601 duration such as PT2H");
            }
            if (duration.isZero() || duration.isNegative()) {
                throw ProblemException.badRequest("duration", "positive", "duration must be positive");
            }
            return grantedAt == null ? null : grantedAt.plus(duration);
        }
        try {
            return Instant.parse(body.expiresAt());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("expiresAt", "rfc3339-instant",
                    "expiresAt must be an RFC 3339 instant in UTC such as 2026-12-05T14:00:00Z");
        }
    }
}
