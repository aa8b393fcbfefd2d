package io.eer.request.domain;

import java.util.List;
import java.util.Locale;

/**
 * The objects an access is for (the incident scope): names as the session gateway records them ({@code schema.name},
 * or a bare name, which is {@code public.<name>}, the schema PostgreSQL resolves it in by default), where {@code *}
 * stands for any characters; compared without regard to case (PostgreSQL folds unquoted names to lower case). A
 * requested scope narrows the policy's: each requested entry must lie within one of the policy's patterns.
 */
public final class ObjectScope {

    private ObjectScope() {
    }

    /**
     * Whether every object {@code requested} can name is one {@code pattern} covers. Reading the requested entry's
     * {@code *} as a plain character is enough: a pattern that matches it so consumes each such {@code *} with one of
     * its own, so it matches whatever the {@code *} stands for.
     */
    public static boolean within(String requested, String pattern) {
        return matches(qualified(pattern), qualified(requested));
    }

    static String qualified(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.indexOf('.') < 0 ? "public." + lower : lower;
    }

    /** Whether {@code requested} lies within one of {@code patterns}. */
    public static boolean withinAny(String requested, List<String> patterns) {
        return patterns.stream().anyMatch(pattern -> within(requested, pattern));
    }

    /** Glob match, {@code *} only, without backtracking blow-up (greedy with one resume point). */
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
