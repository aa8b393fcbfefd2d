package io.eer.review.domain;

import java.util.List;
import java.util.Locale;

/**
 * Whether an object a gateway statement named is within the incident scope the request carried: scope entries are
 * names or patterns ({@code *}: any characters) such as {@code payments.invoices} or {@code payments.refund_*},
 * compared without regard to case (PostgreSQL folds unquoted names). A bare name (no schema), in the scope or in a
 * statement, is {@code public.<name>}: the schema PostgreSQL resolves it in by default.
 */
public final class IncidentScope {

    private IncidentScope() {
    }

    public static boolean covers(List<String> scope, String object) {
        String name = qualified(object);
        return scope.stream().anyMatch(pattern -> matches(qualified(pattern), name));
    }

    static String qualified(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.indexOf('.') < 0 ? "public." + lower : lower;
    }

    /** Glob match, {@code *} only, greedy with one resume point (no backtracking blow-up). */
    static boolean matches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
