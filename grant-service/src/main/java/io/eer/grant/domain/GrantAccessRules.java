package io.eer.grant.domain;

import java.util.Set;

/**
 * Who may see or do what with a grant. Session agents are scoped: an agent sees and logs actions only for grants on
 * the systems configured for it ({@code agentSystems}, from {@code eer.grant.agents."<sub>".systems}); an agent with
 * no configured systems sees nothing. The beneficiary always sees and logs their own grant.
 */
public final class GrantAccessRules {

    public static final String SESSION_AGENTS = "session-agents";
    /** Groups that may read any grant's status (never its credentials). Session agents are not among them. */
    public static final Set<String> OVERSEERS = Set.of("secops", "auditors", "eer-admins");

    /** Groups that may end anyone's grant early (besides the beneficiary, who may end their own). */
    public static final Set<String> REVOKERS = Set.of("soc", "eer-admins");

    private GrantAccessRules() {
    }

    /** Credentials go to the beneficiary and to nobody else, whatever their groups. */
    public static boolean mayFetchCredentials(String callerId, String beneficiary) {
        return callerId != null && callerId.equals(beneficiary);
    }

    /** A session agent whose scope includes {@code system}. */
    public static boolean isAgentFor(Set<String> groups, Set<String> agentSystems, String system) {
        return groups.contains(SESSION_AGENTS) && system != null && agentSystems.contains(system);
    }

    public static boolean mayLogAction(String callerId, Set<String> groups, String beneficiary, String system,
            Set<String> agentSystems) {
        return mayFetchCredentials(callerId, beneficiary) || isAgentFor(groups, agentSystems, system);
    }

    public static boolean mayRead(String callerId, Set<String> groups, String beneficiary, String system,
            Set<String> agentSystems) {
        return mayFetchCredentials(callerId, beneficiary) || mayReadAll(groups)
                || isAgentFor(groups, agentSystems, system);
    }

    public static boolean mayRevokeEarly(String callerId, Set<String> groups, String beneficiary) {
        return mayFetchCredentials(callerId, beneficiary) || groups.stream().anyMatch(REVOKERS::contains);
    }

    public static boolean mayReadAll(Set<String> groups) {
        return groups.stream().anyMatch(OVERSEERS::contains);
    }
}
