package io.eer.support.inbox;

/**
 * A failure no retry can fix: the record itself is wrong (a domain rule it breaks, a reference that can never
 * resolve). Thrown from a consumer's handler, it sends the record to the service's dead-letter topic; any other
 * failure is retried. {@code kind} is a short, fixed name for logs and the dead-letter reason; the message must not
 * quote the record.
 */
public class PermanentFailure extends RuntimeException {

    private final String kind;

    public PermanentFailure(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    public PermanentFailure(String kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** e.g. {@code source-mismatch}, {@code rule-violation}. */
    public String kind() {
        return kind;
    }
}
