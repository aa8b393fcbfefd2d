package io.eer.request.domain;

/** The checks every typed id makes on its text: present, not oversized, no control characters. */
final class Text {

    static final int MAX_ID = 256;

    private Text() {
    }

    static String id(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (value.length() > MAX_ID) {
            throw new IllegalArgumentException(what + " must be at most " + MAX_ID + " characters");
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw new IllegalArgumentException(what + " must not contain control characters");
        }
        return value;
    }
}
