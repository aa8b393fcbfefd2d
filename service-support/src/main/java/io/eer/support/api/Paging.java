package io.eer.support.api;

import io.eer.support.problem.ProblemException;

/** The {@code limit} query parameter of list endpoints: 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent. */
public final class Paging {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private Paging() {
    }

    /** The limit as sent, or a 400 problem naming {@code limit} and the rule {@code range}. */
    public static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest("limit", "range", "must be a whole number from 1 to " + MAX_LIMIT);
    }
}
