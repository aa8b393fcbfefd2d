package io.eer.approval.domain;

import java.time.Instant;
import java.util.List;

/** What a token showed about its authentication: methods (amr) and auth_time ({@code null}: not stated). */
public record MfaEvidence(List<String> methods, Instant authTime) {
    public MfaEvidence {
        methods = List.copyOf(methods);
    }
}
