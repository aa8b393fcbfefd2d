package io.eer.review.domain;

import io.eer.review.domain.UpstreamFact.Action;
import io.eer.review.domain.UpstreamFact.Approval;
import io.eer.review.domain.UpstreamFact.Ended;
import io.eer.review.domain.UpstreamFact.Granted;
import io.eer.review.domain.UpstreamFact.Requested;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What is known about one grant's access, for its review: the request, the approvals (with their MFA evidence), the
 * grant window, every recorded session action (oldest first, each with who recorded it), and the revocation receipt.
 * Parts not received (yet) are null or empty. A pure fold of the request's {@link UpstreamFact}s.
 */
public record ReviewEvidence(Requested requested, List<Approval> approvals, Granted granted, List<Action> actions,
        Ended ended) {

    public ReviewEvidence {
        approvals = List.copyOf(approvals);
        actions = List.copyOf(actions);
    }

    /** The evidence of {@code grantId} among a request's facts: the first request, grant and end win. */
    public static ReviewEvidence of(List<? extends UpstreamFact> facts, GrantId grantId) {
        Objects.requireNonNull(grantId, "grantId");
        Requested requested = null;
        Granted granted = null;
        Ended ended = null;
        List<Approval> approvals = new ArrayList<>();
        List<Action> actions = new ArrayList<>();
        for (UpstreamFact fact : facts) {
            if (fact instanceof Requested r && requested == null) {
                requested = r;
            } else if (fact instanceof Approval a) {
                approvals.add(a);
            } else if (fact instanceof Granted g && g.grantId().equals(grantId) && granted == null) {
                granted = g;
            } else if (fact instanceof Action a && a.grantId().equals(grantId)) {
                actions.add(a);
            } else if (fact instanceof Ended e && e.grantId().equals(grantId) && ended == null) {
                ended = e;
            }
        }
        actions.sort(Comparator.comparing(Action::at, Comparator.nullsLast(Comparator.naturalOrder())));
        return new ReviewEvidence(requested, approvals, granted, actions, ended);
    }

    /** A break-glass (EMERGENCY) request: its beneficiary must attest before the review is completed. */
    public boolean emergency() {
        return requested != null && requested.emergency();
    }

    /** Who received the access (the requester when the request names nobody else); null when unknown. */
    public String beneficiary() {
        if (requested == null) {
            return null;
        }
        return requested.beneficiary() == null ? requested.requester() : requested.beneficiary();
    }

    /** The role asked for: from the request, else the grant. */
    public String role() {
        return requested != null && requested.role() != null ? requested.role()
                : granted == null ? null : granted.role();
    }

    /** The actions {@code channel} recorded, oldest first. */
    public List<Action> actions(ActionChannel channel) {
        return actions.stream().filter(action -> action.channel() == channel).toList();
    }

    /** When the access was to end (the grant's deadline), else when it did; null when neither is known. */
    public Instant deadline() {
        if (granted != null && granted.expiresAt() != null) {
            return granted.expiresAt();
        }
        return ended == null ? null : ended.revokedAt();
    }
}
