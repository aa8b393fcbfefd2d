package io.eer.approval.domain;

import java.time.Instant;

/** Nobody at level {@code level - 1} decided in time: {@code toGroup} is asked now, until {@code deadline}. */
public record ApprovalEscalated(String requestId, String fromGroup, String toGroup, int level, Instant deadline,
        PolicyRef policy) {
}
