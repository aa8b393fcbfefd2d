package io.eer.support.idempotency;

import java.util.regex.Pattern;

/**
 * An {@code Idempotency-Key} scoped to the caller who sent it and the operation it was sent to, so two callers (or
 * one caller on two endpoints) never share an answer.
 */
public record IdempotencyKey(String caller, String operation, String key) {

    public static final int MAX_KEY = 255;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1," + MAX_KEY + "}");
    private static final Pattern OPERATION = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    public IdempotencyKey {
        if (caller == null || caller.isBlank()) {
            throw new IllegalArgumentException("an idempotency key belongs to a caller");
        }
        if (operation == null || !OPERATION.matcher(operation).matches()) {
            throw new IllegalArgumentException("an operation name is kebab-case, at most 64 characters");
        }
        if (!wellFormed(key)) {
            throw new IllegalArgumentException("an Idempotency-Key is 1 to " + MAX_KEY + " visible ASCII characters");
        }
    }

    /** Whether {@code key} may be used as an Idempotency-Key: 1 to 255 visible ASCII characters (a UUID fits). */
    public static boolean wellFormed(String key) {
        return key != null && KEY.matcher(key).matches();
    }
}
