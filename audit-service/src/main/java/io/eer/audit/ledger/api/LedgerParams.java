package io.eer.audit.ledger.api;

import io.eer.audit.ledger.application.TimelineAccess;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Callers;

/** Query parameters of the checkpoint, proof and export endpoints, and who may call them. */
final class LedgerParams {

    private LedgerParams() {
    }

    static void requireReader(Callers callers) {
        if (!callers.current().inAnyGroup(TimelineAccess.READER_GROUPS)) {
            throw ProblemException.forbidden("the ledger is visible to the groups auditors and eer-admins");
        }
    }

    /** A whole number {@code >= min}; {@code fallback} when absent (null fallback: the parameter is required). */
    static long number(String name, String text, long min, Long fallback) {
        if (text == null || text.isBlank()) {
            if (fallback != null) {
                return fallback;
            }
            throw ProblemException.badRequest(name, "required", name + " is required");
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest(name, "range", name + " must be a whole number, " + min + " or more");
    }

    static ProblemException beyond(String name, long value, long size) {
        return ProblemException.badRequest(name, "range",
                name + " is " + value + " but the ledger holds " + size + " entries");
    }
}
