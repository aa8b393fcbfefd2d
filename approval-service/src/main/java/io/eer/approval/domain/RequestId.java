package io.eer.approval.domain;

/**
 * The id of a request, and so of its approval (the aggregate id). Refuses what no request id can be: blank, longer
 * than 128 characters, or holding anything but visible ASCII (no control characters, no spaces).
 */
public record RequestId(String value) {

    public static final int MAX_LENGTH = 128;

    public RequestId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a request id must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a request id has at most " + MAX_LENGTH + " characters");
        }
        if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a request id holds visible ASCII characters only");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
