package io.eer.request.domain;

import java.time.Duration;
import java.util.List;

/** What an approver must show: one of {@code acceptedMethods}, auth_time no older than {@code maxAge} (null: any). */
public record MfaRequirement(List<String> acceptedMethods, Duration maxAge) {
    public MfaRequirement {
        acceptedMethods = List.copyOf(acceptedMethods);
    }
}
