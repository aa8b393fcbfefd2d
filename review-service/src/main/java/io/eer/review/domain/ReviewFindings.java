package io.eer.review.domain;

import io.eer.review.domain.UpstreamFact.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The automatic findings of a review: a pure function of its {@link ReviewEvidence}, whatever channel recorded an
 * action (gateway, agent, self-reported).
 *
 * <ul>
 *   <li>{@value #NEVER_USED}: the access was granted and no action was recorded.</li>
 *   <li>{@value #OUTSIDE_ROLE_SCOPE}: DDL or a write under a read-only role ({@link #READ_ONLY_ROLES}).</li>
 *   <li>{@value #OUTSIDE_INCIDENT_SCOPE}: a gateway statement on an object outside the scope the request carried
 *       ({@link IncidentScope}); only the gateway's parsed names count, a reported action's object is free text.
 *       No scope named: never.</li>
 *   <li>{@value #AFTER_DEADLINE}: an action after the grant's deadline (or after the revocation, when earlier).</li>
 *   <li>{@value #GRANT_LONGER_THAN_USE}: the grant lasted at least {@value #LONGER_FACTOR} times as long as it took to
 *       the last action (and at least {@link #MIN_SLACK} more); suggests a shorter default.</li>
 * </ul>
 */
public final class ReviewFindings {

    public static final String NEVER_USED = "never-used";
    public static final String OUTSIDE_ROLE_SCOPE = "outside-role-scope";
    public static final String OUTSIDE_INCIDENT_SCOPE = "outside-incident-scope";
    public static final String AFTER_DEADLINE = "after-deadline";
    public static final String GRANT_LONGER_THAN_USE = "grant-longer-than-use";

    /** Roles under which only reads are in scope. */
    public static final Set<String> READ_ONLY_ROLES = Set.of("read_only", "read-only", "readonly", "viewer");
    public static final int LONGER_FACTOR = 3;
    /** Below this much unused time a grant is not called too long (a 10-minute grant used for 2 is fine). */
    public static final Duration MIN_SLACK = Duration.ofMinutes(30);
    /** Suggested defaults are rounded up to this step. */
    static final Duration STEP = Duration.ofMinutes(15);

    private static final Set<String> DDL = Set.of("CREATE", "ALTER", "DROP", "TRUNCATE", "GRANT", "REVOKE",
            "COMMENT", "RENAME", "REINDEX", "CLUSTER", "VACUUM");
    private static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "COPY", "UPSERT",
            "REPLACE", "CALL", "DO");

    /** What an action does to the target, as far as its text tells. */
    public enum Effect { READ_OR_OTHER, WRITE, DDL }

    private ReviewFindings() {
    }

    public static List<Finding> of(ReviewEvidence evidence) {
        List<Finding> findings = new ArrayList<>();
        List<Action> actions = evidence.actions();
        if (evidence.granted() != null && actions.isEmpty()) {
            findings.add(new Finding(NEVER_USED, "access was granted (" + evidence.granted().grantedAt() + " to "
                    + evidence.granted().expiresAt() + ") and no action was recorded", List.of()));
        }
        String role = evidence.role();
        if (role != null && READ_ONLY_ROLES.contains(role.toLowerCase(Locale.ROOT))) {
            List<Action> outside = actions.stream().filter(action -> effectOf(action) != Effect.READ_OR_OTHER).toList();
            if (!outside.isEmpty()) {
                findings.add(new Finding(OUTSIDE_ROLE_SCOPE, outside.size() + " action(s) changed data or schema under"
                        + " the read-only role " + role + ", first: " + describe(outside.get(0)), sessions(outside)));
            }
        }
        outsideIncidentScope(evidence).ifPresent(findings::add);
        Instant end = end(evidence);
        if (end != null) {
            List<Action> late = actions.stream().filter(action -> !action.sessionEnd())
                    .filter(action -> action.at() != null && action.at().isAfter(end)).toList();
            if (!late.isEmpty()) {
                findings.add(new Finding(AFTER_DEADLINE, late.size() + " action(s) after the access ended at " + end
                        + ", first: " + describe(late.get(0)), sessions(late)));
            }
        }
        longerThanUse(evidence).ifPresent(findings::add);
        return List.copyOf(findings);
    }

    /**
     * DDL or write: by the gateway's statement kind ({@code DDL}, {@code DCL}: DDL; {@code DML}: a write), else by the
     * first SQL keyword of the statement text, of the action, of its object (a reported action's text).
     */
    public static Effect effectOf(Action action) {
        String kind = action.kind() == null ? "" : action.kind().toUpperCase(Locale.ROOT);
        if (kind.equals("DDL") || kind.equals("DCL")) {
            return Effect.DDL;
        }
        if (kind.equals("DML")) {
            return Effect.WRITE;
        }
        for (String text : new String[] {action.statement(), action.action(), action.object()}) {
            Effect effect = effectOf(text);
            if (effect != Effect.READ_OR_OTHER) {
                return effect;
            }
        }
        return Effect.READ_OR_OTHER;
    }

    static Effect effectOf(String text) {
        if (text == null) {
            return Effect.READ_OR_OTHER;
        }
        String trimmed = text.strip();
        int end = 0;
        while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
            end++;
        }
        String keyword = trimmed.substring(0, end).toUpperCase(Locale.ROOT);
        if (DDL.contains(keyword)) {
            return Effect.DDL;
        }
        return WRITES.contains(keyword) ? Effect.WRITE : Effect.READ_OR_OTHER;
    }

    /**
     * Gateway statements on objects outside the request's scope. Agent and self-reported actions are not judged: their
     * {@code object} is the reporter's own words, not names parsed from what ran (the reviewer reads them).
     */
    private static java.util.Optional<Finding> outsideIncidentScope(ReviewEvidence evidence) {
        List<String> scope = evidence.requested() == null ? List.of() : evidence.requested().scope();
        if (scope.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<Action> outside = new ArrayList<>();
        java.util.Set<String> objects = new java.util.LinkedHashSet<>();
        for (Action action : evidence.actions(ActionChannel.GATEWAY)) {
            List<String> out = action.objects().stream().filter(o -> !IncidentScope.covers(scope, o)).toList();
            if (!out.isEmpty()) {
                outside.add(action);
                objects.addAll(out);
            }
        }
        if (outside.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Finding(OUTSIDE_INCIDENT_SCOPE, outside.size() + " statement(s) on "
                + objects + " outside the incident scope " + scope + ", first: " + describe(outside.get(0)),
                sessions(outside)));
    }

    /** The earlier of the grant's deadline and the revocation: no action may follow it. */
    private static Instant end(ReviewEvidence evidence) {
        Instant deadline = evidence.granted() == null ? null : evidence.granted().expiresAt();
        Instant revoked = evidence.ended() == null ? null : evidence.ended().revokedAt();
        if (deadline == null) {
            return revoked;
        }
        return revoked == null || deadline.isBefore(revoked) ? deadline : revoked;
    }

    private static java.util.Optional<Finding> longerThanUse(ReviewEvidence evidence) {
        var granted = evidence.granted();
        if (granted == null || granted.grantedAt() == null || granted.expiresAt() == null
                || evidence.actions().isEmpty()) {
            return java.util.Optional.empty();
        }
        // the last use: a gateway session's end mark (a cut-off at the deadline) is not one
        Instant last = evidence.actions().stream().filter(action -> !action.sessionEnd()).map(Action::at)
                .filter(java.util.Objects::nonNull).reduce((first, second) -> second).orElse(null);
        if (last == null || last.isBefore(granted.grantedAt())) {
            return java.util.Optional.empty();
        }
        Duration length = Duration.between(granted.grantedAt(), granted.expiresAt());
        Duration used = Duration.between(granted.grantedAt(), last);
        if (length.compareTo(used.multipliedBy(LONGER_FACTOR)) < 0 || length.minus(used).compareTo(MIN_SLACK) < 0) {
            return java.util.Optional.empty();
        }
        Duration suggested = roundUp(used);
        return java.util.Optional.of(new Finding(GRANT_LONGER_THAN_USE, "granted for " + length
                + ", last action " + used + " after the grant; suggest a default of " + suggested
                + " for this system and role", List.of()));
    }

    static Duration roundUp(Duration used) {
        long steps = Math.max(1, (used.toSeconds() + STEP.toSeconds() - 1) / STEP.toSeconds());
        return STEP.multipliedBy(steps);
    }

    private static String describe(Action action) {
        String text = action.statement() != null ? action.statement() : action.object();
        String object = text == null ? "" : " " + text;
        // the statement may be long; the evidence pack has it whole
        object = object.length() > 120 ? object.substring(0, 120) + "…" : object;
        return action.action() + object + " at " + action.at()
                + " (session " + action.sessionId() + ", " + action.channel() + ")";
    }

    private static List<String> sessions(List<Action> actions) {
        return actions.stream().map(Action::sessionId).distinct().toList();
    }
}
