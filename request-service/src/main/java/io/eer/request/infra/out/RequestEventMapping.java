package io.eer.request.infra.out;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.MalformedEventException;
import io.eer.contracts.Topics;
import io.eer.contracts.events.AttemptRefused;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.EmergencyRequested;
import io.eer.contracts.events.RequestCancelled;
import io.eer.contracts.events.RequestRejected;
import io.eer.contracts.events.Values;
import io.eer.request.domain.ApprovalMode;
import io.eer.request.domain.MfaEvidence;
import io.eer.request.domain.MfaRequirement;
import io.eer.request.domain.Origin;
import io.eer.request.domain.Policy;
import io.eer.request.domain.PolicyRef;
import io.eer.request.domain.Principal;
import io.eer.request.domain.PrincipalType;
import io.eer.request.domain.RequestEvent;
import io.eer.request.domain.RequestId;
import io.eer.request.domain.RequestKind;
import io.eer.request.domain.RequestStatus;
import io.eer.request.domain.RuleViolation;
import io.eer.request.domain.UserId;
import io.eer.support.eventsourcing.EventMapping;
import io.eer.support.eventsourcing.StoredForm;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * The access request's events as stored and published: the public ones as event-contracts records on
 * {@code eer.requests}, the internal facts ({@code internal:request.rejectedAsk}, {@code internal:request.lifecycle})
 * as small JSON records only this service reads. The only place where domain values meet contract values.
 */
@ApplicationScoped
public class RequestEventMapping implements EventMapping<RequestEvent> {

    static final String REJECTED_ASK = "request.rejectedAsk";
    static final String LIFECYCLE = "request.lifecycle";

    /** Body of {@code internal:request.rejectedAsk}. */
    record RejectedAskBody(String kind, String origin, String beneficiary, Duration duration, String incident,
            String ticket) {
    }

    /** Body of {@code internal:request.lifecycle}. */
    record LifecycleBody(String reported, String grantId) {
    }

    @Override
    public StoredForm toStored(RequestEvent event) {
        if (event instanceof RequestEvent.RejectedAskRecorded ask) {
            return new StoredForm.Internal(REJECTED_ASK, new RejectedAskBody(name(ask.kind()), name(ask.origin()),
                    ask.beneficiary(), ask.duration(), ask.incident(), ask.ticket()));
        }
        if (event instanceof RequestEvent.LifecycleAdvanced step) {
            return new StoredForm.Internal(LIFECYCLE, new LifecycleBody(step.reported().name(), step.grantId()));
        }
        return new StoredForm.Published(Topics.REQUESTS, published(event));
    }

    private static DomainEvent published(RequestEvent event) {
        if (event instanceof RequestEvent.Requested r) {
            return new EmergencyRequested(r.requestId().value(), kind(r.kind()), origin(r.origin()),
                    principal(r.requester()), r.beneficiary().value(), r.system(), r.role(), r.justification(),
                    r.incident(), r.duration(), mfa(r.mfa()), ref(r.policy()), plan(r.approval()),
                    r.review() == null ? null : plan(r.review()), r.ticket(), r.maxDuration(), r.ruleId(),
                    r.scope().isEmpty() ? null : new Values.IncidentScope(r.scope()));
        }
        if (event instanceof RequestEvent.Rejected r) {
            return new RequestRejected(r.requestId().value(), principal(r.requester()), r.system(), r.role(),
                    r.violations().stream().map(v -> new Values.RuleViolation(v.field(), v.rule(), v.message()))
                            .toList(), ref(r.policy()));
        }
        if (event instanceof RequestEvent.Cancelled c) {
            return new RequestCancelled(c.requestId().value(), c.by().value(), c.reason());
        }
        RequestEvent.CancelRefused c = (RequestEvent.CancelRefused) event;
        return new AttemptRefused(c.requestId().value(), principal(c.actor()), "CANCEL", "not-requester",
                c.message(), ref(c.policy()));
    }

    @Override
    public RequestEvent fromPublished(EventEnvelope envelope) {
        DomainEvent data = envelope.data();
        if (data instanceof EmergencyRequested e) {
            return new RequestEvent.Requested(new RequestId(e.requestId()), RequestKind.valueOf(e.kind().name()),
                    e.origin() == null ? null : Origin.valueOf(e.origin().name()), principal(e.requester()),
                    new UserId(e.beneficiary()), e.system(), e.role(), e.justification(), e.incident(),
                    e.requestedDuration(), mfa(e.mfa()), ref(e.policy()), approval(e.approval()),
                    e.review() == null ? null : new Policy.Review(e.review().reviewerGroups(), e.review().dueWithin()),
                    e.ticket(), e.maxDuration(), e.rule(), e.scope() == null ? List.of() : e.scope().objects());
        }
        if (data instanceof RequestRejected e) {
            return new RequestEvent.Rejected(new RequestId(e.requestId()), principal(e.requester()), e.system(),
                    e.role(), e.violations().stream().map(v -> new RuleViolation(v.field(), v.rule(), v.message()))
                            .toList(), ref(e.policy()), null);
        }
        if (data instanceof RequestCancelled e) {
            return new RequestEvent.Cancelled(new RequestId(e.requestId()), new UserId(e.by()), e.reason());
        }
        if (data instanceof AttemptRefused e) {
            return new RequestEvent.CancelRefused(new RequestId(e.requestId()), principal(e.actor()), e.message(),
                    ref(e.policy()));
        }
        throw new MalformedEventException("not an access request event: " + envelope.type(), null);
    }

    @Override
    public RequestEvent fromInternal(String name, JsonNode body) {
        try {
            if (REJECTED_ASK.equals(name)) {
                RejectedAskBody ask = EventCodec.mapper().treeToValue(body, RejectedAskBody.class);
                return new RequestEvent.RejectedAskRecorded(ask.kind() == null ? null : RequestKind.valueOf(ask.kind()),
                        ask.origin() == null ? null : Origin.valueOf(ask.origin()), ask.beneficiary(), ask.duration(),
                        ask.incident(), ask.ticket());
            }
            if (LIFECYCLE.equals(name)) {
                LifecycleBody step = EventCodec.mapper().treeToValue(body, LifecycleBody.class);
                return new RequestEvent.LifecycleAdvanced(RequestStatus.valueOf(step.reported()), step.grantId());
            }
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("stored internal event " + name + " does not bind", e);
        }
        throw new MalformedEventException("unknown internal event " + name, null);
    }

    /** The plan approval-service receives in {@code EmergencyRequested}: it never reads the policy file. */
    public static Values.ApprovalPlan plan(Policy.Approval approval) {
        MfaRequirement mfa = approval.approverMfa();
        return new Values.ApprovalPlan(Values.ApprovalMode.valueOf(approval.mode().name()), approval.approverGroups(),
                approval.quorum(), approval.distinctGroups(), approval.decisionTimeout(),
                approval.escalation().isEmpty() ? null : approval.escalation(), approval.validity(),
                mfa == null ? null : new Values.MfaRequirement(mfa.acceptedMethods(), mfa.maxAge()));
    }

    public static Values.ReviewPlan plan(Policy.Review review) {
        return new Values.ReviewPlan(review.reviewerGroups(), review.dueWithin());
    }

    private static Policy.Approval approval(Values.ApprovalPlan plan) {
        Values.MfaRequirement mfa = plan.approverMfa();
        return new Policy.Approval(ApprovalMode.valueOf(plan.mode().name()), plan.approverGroups(), plan.quorum(),
                plan.distinctGroups(), plan.decisionTimeout(),
                plan.escalation() == null ? List.of() : plan.escalation(), plan.validity(),
                mfa == null ? null : new MfaRequirement(mfa.acceptedMethods(), mfa.maxAge()));
    }

    public static Values.Principal principal(Principal p) {
        return new Values.Principal(p.id(), p.type() == null ? null : Values.PrincipalType.valueOf(p.type().name()),
                p.groups());
    }

    public static Principal principal(Values.Principal p) {
        return new Principal(p.id(), p.type() == null ? null : PrincipalType.valueOf(p.type().name()), p.groups());
    }

    private static Values.MfaEvidence mfa(MfaEvidence mfa) {
        return mfa == null ? null : new Values.MfaEvidence(mfa.methods(), mfa.authTime());
    }

    private static MfaEvidence mfa(Values.MfaEvidence mfa) {
        return mfa == null ? null : new MfaEvidence(mfa.methods(), mfa.authTime());
    }

    private static Values.PolicyRef ref(PolicyRef ref) {
        return ref == null ? null : new Values.PolicyRef(ref.id(), ref.version());
    }

    private static PolicyRef ref(Values.PolicyRef ref) {
        return ref == null ? null : new PolicyRef(ref.id(), ref.version());
    }

    private static Values.RequestKind kind(RequestKind kind) {
        return kind == null ? null : Values.RequestKind.valueOf(kind.name());
    }

    private static Values.Origin origin(Origin origin) {
        return origin == null ? null : Values.Origin.valueOf(origin.name());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
