package io.eer.request.domain;

import java.time.Instant;
import java.util.List;

/** The authentication evidence behind a request (RFC 8176 methods, token auth_time). */
public record MfaEvidence(List<String> methods, Instant authTime) {
    public MfaEvidence {
        methods = List.copyOf(methods);
    }
}
