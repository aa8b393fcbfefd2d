package io.eer.review.domain;

/** The checks every id of this service passes: present, short, printable (it ends up in logs, keys and URLs). */
final class TextId {

    static final int MAX_LENGTH = 200;

    private TextId() {
    }

    static String check(String value, String what) {
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
