package io.eer.support.idempotency;

/**
 * The first answer given under a key: what to send again for a retry ({@code status}, {@code contentType},
 * {@code body}, {@code location}) and what the first request created ({@code resourceId}, may be null).
 */
public record StoredAnswer(int status, String contentType, String body, String location, String resourceId) {

    public StoredAnswer {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("an answer's status is an HTTP status");
        }
    }
}
