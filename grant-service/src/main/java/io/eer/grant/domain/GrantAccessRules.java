package io.eer.grant.domain;

import java.util.Set;

/** Who may see or do what with a grant. */
public final class GrantAccessRules {

    public static final String SESSION_AGENTS = "session-agents";
    /** Groups that may read any grant's status (never its credentials). */
    public static final Set<String> OVERSEERS = Set.of("secops", "auditors", "eer-admins", SESSION_AGENTS);

    private GrantAccessRules() {
    }

    /** Credentials go to the beneficiary and to nobody else, whatever their groups. */
    public static boolean mayFetchCredentials(String callerId, String beneficiary) {
        return callerId != null && callerId.equals(beneficiary);
    }

    public static boolean mayLogAction(String callerId, Set<String> groups, String beneficiary) {
        return mayFetchCredentials(callerId, beneficiary) || groups.contains(SESSION_AGENTS);
    }

    public static boolean mayRead(String callerId, Set<String> groups, String beneficiary) {
        return mayFetchCredentials(callerId, beneficiary) || groups.stream().anyMatch(OVERSEERS::contains);
    }

    public static boolean mayReadAll(Set<String> groups) {
        return groups.stream().anyMatch(OVERSEERS::contains);
    }
}
