package io.eer.grant.domain;

import java.util.ArrayList;
import java.util.List;

/** A reported session action is evidence: every field is required and bounded, none may carry control characters. */
public final class SessionActionRules {

    /** A broken input rule: the field, the rule's name, a message for a person. */
    public record RuleViolation(String field, String rule, String message) {
    }

    public static final int MAX_SESSION_ID = 128;
    public static final int MAX_ACTION = 64;
    public static final int MAX_OBJECT = 512;
    public static final int MAX_SOURCE = 128;

    /**
     * The {@code source} of a recorded action says who reported it, so reviews and reports keep the kinds of evidence
     * apart: {@code agent:<sub>} for a session agent scoped to the grant's system, {@value #SELF_REPORTED} for the
     * beneficiary about their own session (their word, not an observation). What the caller sent as {@code source}
     * (e.g. {@code pgaudit}) is kept as {@code reportedVia}.
     */
    public static final String AGENT_SOURCE_PREFIX = "agent:";
    public static final String SELF_REPORTED = "self-reported";

    /** The recorded {@code source} of an action {@code callerId} reports about a grant of {@code beneficiary}. */
    public static String sourceOf(String callerId, String beneficiary) {
        // the beneficiary's own report stays self-reported even if their token is also an agent's
        return callerId != null && callerId.equals(beneficiary) ? SELF_REPORTED : AGENT_SOURCE_PREFIX + callerId;
    }

    private SessionActionRules() {
    }

    public static List<RuleViolation> violations(String sessionId, String action, String object, String source) {
        List<RuleViolation> violations = new ArrayList<>();
        check(violations, "sessionId", sessionId, MAX_SESSION_ID);
        check(violations, "action", action, MAX_ACTION);
        check(violations, "object", object, MAX_OBJECT);
        check(violations, "source", source, MAX_SOURCE);
        return violations;
    }

    private static void check(List<RuleViolation> violations, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            violations.add(new RuleViolation(field, "required", field + " is required"));
        } else if (value.length() > max) {
            violations.add(new RuleViolation(field, "max-length", field + " must be at most " + max + " characters"));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            violations.add(new RuleViolation(field, "no-control-characters", field + " must not contain control characters"));
        }
    }
}
