package io.eer.support.scope;

import java.util.Locale;

/**
 * Database object names as the session gateway records them, for incident scopes (plain Java, usable by any domain):
 * {@code schema.name}, or a bare name, which is {@code public.<name>} (the schema PostgreSQL resolves it in by
 * default); compared without regard to case (PostgreSQL folds unquoted names); {@code *} in a pattern stands for any
 * characters.
 */
public final class ObjectNames {

    private ObjectNames() {
    }

    /** {@code name} lower-cased, with {@code public.} in front when it names no schema. */
    public static String qualified(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.indexOf('.') < 0 ? "public." + lower : lower;
    }

    /** Whether the qualified {@code pattern} covers the qualified {@code name}. */
    public static boolean covers(String pattern, String name) {
        return matches(qualified(pattern), qualified(name));
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
