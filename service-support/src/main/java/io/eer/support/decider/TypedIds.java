package io.eer.support.decider;

/**
 * The checks a domain's typed id (e.g. {@code record GrantId(String value)}) runs in its constructor: present, at
 * most {@link #MAX_LENGTH} characters, no control or white-space characters (ids end up in keys, logs and URLs).
 * Plain Java, so domain packages may use it.
 */
public final class TypedIds {

    public static final int MAX_LENGTH = 200;

    private TypedIds() {
    }

    /** {@code value} when it is a well-formed id, else {@code IllegalArgumentException} naming {@code what}. */
    public static String check(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                throw new IllegalArgumentException(what + " contains a control or space character");
            }
        }
        return value;
    }
}
