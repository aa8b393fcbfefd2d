package io.eer.grant.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The systems each session agent serves, from {@code eer.grant.agents."<sub>".systems} (keyed by the agent token's
 * {@code sub}; configuration rather than a token claim, so an agent's reach is decided where the targets are, not by
 * whoever issues its token). An agent not listed has an empty scope and sees no grant but its own.
 */
@ApplicationScoped
public class AgentScopes {

    private final Map<String, Set<String>> bySubject;

    AgentScopes(GrantSettings settings) {
        this.bySubject = settings.agents().entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, entry -> Set.copyOf(entry.getValue().systems().orElse(java.util.List.of()))));
    }

    public Set<String> systemsOf(String subject) {
        return subject == null ? Set.of() : bySubject.getOrDefault(subject, Set.of());
    }
}
