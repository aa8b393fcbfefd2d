package io.eer.request.domain;

import io.eer.support.scope.ObjectNames;
import java.util.List;

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
        return ObjectNames.covers(pattern, requested);
    }

    /** Whether {@code requested} lies within one of {@code patterns}. */
    public static boolean withinAny(String requested, List<String> patterns) {
        return patterns.stream().anyMatch(pattern -> within(requested, pattern));
    }
}
