package io.eer.contracts.events;

import io.eer.contracts.events.Values.PolicyRef;
import java.util.List;

/**
 * Optional: {@code reason}, {@link #DECISION_TIMEOUT} or {@link #REQUEST_VALIDITY_EXPIRED} (a string, not an enum,
 * so a later reason does not break older consumers), and {@code policy}.
 */
public record ApprovalTimedOut(String requestId, List<String> escalationPath, String reason, PolicyRef policy)
        implements DomainEvent {

    /** The last escalation level let its decision timeout pass (EXPEDITED). */
    public static final String DECISION_TIMEOUT = "DECISION_TIMEOUT";
    /** The request stayed undecided past the plan's validity (STANDARD). */
    public static final String REQUEST_VALIDITY_EXPIRED = "REQUEST_VALIDITY_EXPIRED";

    public ApprovalTimedOut {
        escalationPath = List.copyOf(escalationPath);
    }

    /** The event as it was before reason and policy. */
    public ApprovalTimedOut(String requestId, List<String> escalationPath) {
        this(requestId, escalationPath, null, null);
    }
}
