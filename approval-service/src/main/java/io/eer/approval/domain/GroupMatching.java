package io.eer.approval.domain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maximum bipartite matching of approvers to groups (augmenting paths, Kuhn): how many approvers can each stand for
 * a different group. An approver in several groups counts for whichever group leaves the most groups covered, so
 * the order in which people approve never matters.
 */
final class GroupMatching {

    private GroupMatching() {
    }

    /** {@code candidates.get(i)}: the groups approver {@code i} may stand for. */
    static int maximum(List<Set<String>> candidates) {
        Map<String, Integer> owner = new HashMap<>();
        int matched = 0;
        for (int i = 0; i < candidates.size(); i++) {
            if (augment(i, candidates, owner, new HashSet<>())) {
                matched++;
            }
        }
        return matched;
    }

    private static boolean augment(int approver, List<Set<String>> candidates, Map<String, Integer> owner,
            Set<String> visited) {
        for (String group : candidates.get(approver)) {
            if (visited.add(group)) {
                Integer current = owner.get(group);
                if (current == null || augment(current, candidates, owner, visited)) {
                    owner.put(group, approver);
                    return true;
                }
            }
        }
        return false;
    }
}
