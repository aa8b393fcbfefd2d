package io.eer.approval.domain;

import java.time.Duration;
import java.util.List;

/** The plan's approver MFA: one of {@code acceptedMethods} (RFC 8176 amr), authenticated at most {@code maxAge} ago. */
public record MfaRequirement(List<String> acceptedMethods, Duration maxAge) {
    public MfaRequirement {
        acceptedMethods = List.copyOf(acceptedMethods);
    }
}
