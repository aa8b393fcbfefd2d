package io.eer.request.domain;

import java.util.List;

/** Who acted, as the verified token said. */
public record Principal(String id, PrincipalType type, List<String> groups) {
    public Principal {
        groups = List.copyOf(groups);
    }
}
