package io.eer.grant.domain;

/** Checks shared by the grant service's typed ids: present, bounded, printable. */
final class Ids {

    static final int MAX = 200;

    private Ids() {
    }

    static String check(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.length() > MAX) {
            throw new IllegalArgumentException(what + " must be at most " + MAX + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must not contain control characters");
        }
        return value;
    }
}
