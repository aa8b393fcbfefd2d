package io.eer.review.domain;

import java.util.List;

/**
 * Something the evidence says a reviewer must look at, found automatically ({@link ReviewFindings}).
 *
 * @param rule     what was found, a stable name ({@code never-used}, {@code outside-role-scope},
 *                 {@code outside-incident-scope}, {@code after-deadline}, {@code grant-longer-than-use})
 * @param detail   in words, for the reviewer
 * @param sessions the session ids of the actions it is about (empty when it is about none)
 */
public record Finding(String rule, String detail, List<String> sessions) {
    public Finding {
        sessions = List.copyOf(sessions);
    }
}
