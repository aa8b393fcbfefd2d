package io.eer.request.domain;

import java.time.Instant;

/** A validated policy with where it came from: its exact text, SHA-256, source, who loaded it and when. */
public record LoadedPolicy(Policy policy, String document, String sha256, String source, String loadedBy,
        Instant loadedAt) {
}
