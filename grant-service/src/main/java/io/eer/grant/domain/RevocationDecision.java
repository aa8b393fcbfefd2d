package io.eer.grant.domain;

import io.eer.contracts.events.Values.RevocationReason;

/** What to do when a grant must end. */
public sealed interface RevocationDecision {

    /** Revoke on the target, then record {@code AccessRevoked}. */
    record Revoke(GrantState grant, RevocationReason reason) implements RevocationDecision {
    }

    /** Nothing to do (unknown grant, already revoked, never provisioned); {@code why} is for the log. */
    record Skip(String why) implements RevocationDecision {
    }
}
