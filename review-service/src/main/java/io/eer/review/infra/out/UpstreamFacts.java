package io.eer.review.infra.out;

import io.eer.contracts.EventEnvelope;
import io.eer.contracts.Topics;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.SessionActionLogged;
import io.eer.contracts.events.Values.ApprovalMode;
import io.eer.contracts.events.Values.RequestKind;
import io.eer.review.domain.ActionChannel;
import io.eer.review.domain.GrantId;
import io.eer.review.domain.RequestId;
import io.eer.review.domain.UpstreamFact;
import java.util.Optional;

/** Translates the upstream events a review is built from into the service's {@link UpstreamFact}s. */
public final class UpstreamFacts {

    /** The session gateway's CloudEvent source: its actions were observed on the wire. */
    public static final String GATEWAY_SOURCE = Topics.producerOf(Topics.GATEWAY).orElseThrow();

    private UpstreamFacts() {
    }

    /** The fact {@code envelope} stands for; empty for events the review does not use. */
    public static Optional<UpstreamFact> of(EventEnvelope envelope) {
        return of(envelope.data(), envelope.source());
    }

    /** {@link #of(EventEnvelope)} for an event whose sender is not known (never the gateway then). */
    public static Optional<UpstreamFact> of(DomainEvent event) {
        return of(event, null);
    }

    private static Optional<UpstreamFact> of(DomainEvent event, String sender) {
        if (event instanceof EmergencyRequested r) {
            var plan = r.review();
            return Optional.of(new UpstreamFact.Requested(new RequestId(r.requestId()),
                    r.requester() == null ? null : r.requester().id(), r.beneficiary(), r.system(), r.role(),
                    plan == null ? null : plan.reviewerGroups(), plan == null ? null : plan.dueWithin(),
                    r.kind() == RequestKind.EMERGENCY, r.justification(), r.incident(),
                    r.scope() == null ? null : r.scope().objects()));
        }
        if (event instanceof Approved a) {
            var decisions = a.decisions() == null ? java.util.List.<UpstreamFact.ApprovalDecision>of()
                    : a.decisions().stream().map(d -> new UpstreamFact.ApprovalDecision(d.approver(), d.at(),
                            d.mfa() == null ? null : d.mfa().methods(), d.mfa() == null ? null : d.mfa().authTime()))
                            .toList();
            return Optional.of(new UpstreamFact.Approval(new RequestId(a.requestId()), a.approvers(), a.requester(),
                    a.beneficiary(), a.mode() == ApprovalMode.PRE_APPROVED, a.mode() == null ? null : a.mode().name(),
                    decisions));
        }
        if (event instanceof AccessGranted g) {
            return Optional.of(new UpstreamFact.Granted(new RequestId(g.requestId()), new GrantId(g.grantId()),
                    g.system(), g.role(), g.account(), g.grantedAt(), g.expiresAt()));
        }
        if (event instanceof SessionActionLogged s) {
            return Optional.of(new UpstreamFact.Action(new RequestId(s.requestId()), new GrantId(s.grantId()),
                    s.sessionId(), s.action(), s.object(), s.at(), channel(sender, s.source()), s.source(), s.kind(),
                    s.statement()));
        }
        if (event instanceof AccessRevoked revoked) {
            return Optional.of(new UpstreamFact.Ended(new RequestId(revoked.requestId()),
                    new GrantId(revoked.grantId()), revoked.system(), revoked.revokedAt(),
                    revoked.reason() == null ? null : revoked.reason().name(), revoked.sessionsTerminated(),
                    revoked.confirmed()));
        }
        return Optional.empty();
    }

    /**
     * Who recorded an action: the gateway (by the event's source, which the consumer checked against the topic),
     * the beneficiary ({@code self-reported}), else a session agent ({@code agent:<sub>} or an older agent id).
     */
    static ActionChannel channel(String sender, String reportedBy) {
        if (GATEWAY_SOURCE.equals(sender)) {
            return ActionChannel.GATEWAY;
        }
        return ActionChannel.SELF_REPORTED_SOURCE.equals(reportedBy) ? ActionChannel.SELF_REPORTED
                : ActionChannel.AGENT;
    }
}
