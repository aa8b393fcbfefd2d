package io.eer.grant.domain;

import io.eer.contracts.events.Approved;
import io.eer.contracts.events.Values.RevocationReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The grant service's decisions, free of I/O: given what is known and what happened, what to do. */
public final class GrantRules {

    /** Name put in {@code GrantFailed.connector} when no connector is configured for the system. */
    public static final String NO_CONNECTOR = "none";

    private GrantRules() {
    }

    /**
     * @param existing  the grant this request already has, if any
     * @param connector the connector configured for {@code approved.system()}, if any
     * @param now       the current instant: the clock starts at grant, not at approval
     */
    public static ApprovedDecision onApproved(Optional<GrantState> existing, Approved approved,
            Optional<String> connector, Instant now) {
        return onApproved(existing, approved, connector, now, false);
    }

    /** As above; {@code requestCancelled}: the requester cancelled the request before the approval reached us. */
    public static ApprovedDecision onApproved(Optional<GrantState> existing, Approved approved,
            Optional<String> connector, Instant now, boolean requestCancelled) {
        if (existing.isPresent()) {
            return new ApprovedDecision.AlreadyHandled(existing.get().grantId());
        }
        if (requestCancelled) {
            return new ApprovedDecision.RequestCancelled(approved.requestId());
        }
        if (connector.isEmpty()) {
            return new ApprovedDecision.Fail(NO_CONNECTOR,
                    "no connector is configured for system '" + approved.system() + "'");
        }
        Duration duration = approved.grantedDuration();
        if (duration == null || duration.isZero() || duration.isNegative()) {
            return new ApprovedDecision.Fail(connector.get(), "the granted duration must be positive, was " + duration);
        }
        if (isBlank(approved.beneficiary()) || isBlank(approved.role())) {
            return new ApprovedDecision.Fail(connector.get(), "the approval names no beneficiary or role");
        }
        return new ApprovedDecision.Provision(connector.get(), now, now.plus(duration));
    }

    /** Revocation for any reason (the timer fired, or an early end): only an active grant is revoked; a revoked one is never revoked twice. */
    public static RevocationDecision revoke(Optional<GrantState> grant, RevocationReason reason, String what) {
        if (grant.isEmpty()) {
            return new RevocationDecision.Skip(what + " is unknown here: nothing to revoke");
        }
        GrantState state = grant.get();
        if (state.status() == GrantStatus.REVOKED) {
            return new RevocationDecision.Skip(what + " is already revoked");
        }
        if (state.status() == GrantStatus.FAILED) {
            return new RevocationDecision.Skip(what + " was never provisioned");
        }
        return new RevocationDecision.Revoke(state, reason);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
