package io.eer.approval.domain;

import java.util.List;

/** The answer to a command: the new events to record, or why nothing is recorded. */
public sealed interface Verdict {

    record Accepted(List<ApprovalEvent> events) implements Verdict {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    record Refused(Refusal refusal, String message) implements Verdict {
    }
}
