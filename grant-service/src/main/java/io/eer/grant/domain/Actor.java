package io.eer.grant.domain;

import java.util.Set;

/** Who acts on a grant, as the verified token said: subject, EMPLOYEE or CONTRACTOR, groups. */
public record Actor(String id, String type, Set<String> groups) {
    public Actor {
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }
}
