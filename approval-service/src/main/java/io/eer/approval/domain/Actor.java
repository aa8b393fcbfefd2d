package io.eer.approval.domain;

import java.util.List;

/** Who attempted something, as the token said: id, principal type, groups. */
public record Actor(String id, String type, List<String> groups) {
    public Actor {
        groups = List.copyOf(groups);
    }
}
