package io.eer.contracts.events;

import java.util.List;

public record ApprovalTimedOut(String requestId, List<String> escalationPath) implements DomainEvent {
    public ApprovalTimedOut {
        escalationPath = List.copyOf(escalationPath);
    }
}
