package io.eer.approval.infra.out;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.eer.approval.domain.Actor;
import io.eer.approval.domain.ApprovalCase;
import io.eer.approval.domain.ApprovalEscalated;
import io.eer.approval.domain.ApprovalEvent;
import io.eer.approval.domain.ApprovalEvent.AttemptRefused;
import io.eer.approval.domain.ApprovalEvent.Cancelled;
import io.eer.approval.domain.ApprovalEvent.Concluded;
import io.eer.approval.domain.ApprovalEvent.DecisionRecorded;
import io.eer.approval.domain.ApprovalEvent.Escalated;
import io.eer.approval.domain.ApprovalEvent.Opened;
import io.eer.approval.domain.ApprovalEvent.RequestDetails;
import io.eer.approval.domain.ApprovalMode;
import io.eer.approval.domain.Decision;
import io.eer.approval.domain.MfaEvidence;
import io.eer.approval.domain.MfaRequirement;
import io.eer.approval.domain.Outcome;
import io.eer.approval.domain.PolicyRef;
import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.MalformedEventException;
import io.eer.contracts.Topics;
import io.eer.contracts.events.ApprovalTimedOut;
import io.eer.contracts.events.Approved;
import io.eer.contracts.events.Denied;
import io.eer.contracts.events.DomainEvent;
import io.eer.contracts.events.Values;
import io.eer.support.eventsourcing.EventMapping;
import io.eer.support.eventsourcing.StoredForm;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The approval's events as stored and published: {@code Escalated}, {@code Concluded} and {@code AttemptRefused}
 * are the event-contracts records on {@code eer.approvals}; {@code Opened}, {@code DecisionRecorded} and
 * {@code Cancelled} are internal records (types {@code internal:approval.opened}, {@code approval.decisionRecorded},
 * {@code approval.cancelled}) with the bodies below. The only place the approval's domain meets event-contracts.
 */
@ApplicationScoped
public class ApprovalEventMapping implements EventMapping<ApprovalEvent> {

    static final String OPENED = "approval.opened";
    static final String DECISION_RECORDED = "approval.decisionRecorded";
    static final String CANCELLED = "approval.cancelled";

    /** Internal body of {@code Opened}: the case as the request stated it, when, and the read model's extras. */
    public record OpenedBody(String requestId, String requester, String beneficiary, String system, String role,
            Duration requestedDuration, Values.PolicyRef policy, Values.ApprovalMode mode, List<String> approverGroups,
            int quorum, boolean distinctGroups, Duration decisionTimeout, List<String> escalation, Duration validity,
            Values.MfaRequirement approverMfa, Duration maxDuration, String incident, Instant at, String kind,
            String origin, String justification) {
    }

    /** Internal body of {@code DecisionRecorded}. */
    public record DecisionBody(String approver, List<String> groups, String decision, String comment, Instant at,
            Values.MfaEvidence mfa) {
    }

    /** Internal body of {@code Cancelled}. */
    public record CancelledBody(String by, Instant at) {
    }

    @Override
    public StoredForm toStored(ApprovalEvent event) {
        if (event instanceof Opened opened) {
            ApprovalCase c = opened.approvalCase();
            RequestDetails d = opened.details();
            return new StoredForm.Internal(OPENED, new OpenedBody(c.requestId(), c.requester(), c.beneficiary(),
                    c.system(), c.role(), c.requestedDuration(), policy(c.policy()), mode(c.mode()),
                    c.approverGroups(), c.quorum(), c.distinctGroups(), c.decisionTimeout(), c.escalation(),
                    c.validity(), mfa(c.approverMfa()), c.maxDuration(), c.incident(), opened.at(), d.kind(),
                    d.origin(), d.justification()));
        } else if (event instanceof DecisionRecorded r) {
            return new StoredForm.Internal(DECISION_RECORDED, new DecisionBody(r.approver(), r.groups(),
                    r.decision().name(), r.comment(), r.at(), evidence(r.mfa())));
        } else if (event instanceof Cancelled cancelled) {
            return new StoredForm.Internal(CANCELLED, new CancelledBody(cancelled.by(), cancelled.at()));
        }
        return new StoredForm.Published(Topics.APPROVALS, published(event));
    }

    /** The event-contracts record of a public approval event. */
    static DomainEvent published(ApprovalEvent event) {
        if (event instanceof Escalated escalated) {
            ApprovalEscalated e = escalated.escalated();
            return new io.eer.contracts.events.ApprovalEscalated(e.requestId(), e.fromGroup(), e.toGroup(), e.level(),
                    e.deadline(), policy(e.policy()));
        } else if (event instanceof AttemptRefused a) {
            return new io.eer.contracts.events.AttemptRefused(a.requestId(), new Values.Principal(a.actor().id(),
                    a.actor().type() == null ? null : Values.PrincipalType.valueOf(a.actor().type()),
                    a.actor().groups()), a.action(), a.rule(), a.message(), policy(a.policy()));
        } else if (event instanceof Concluded concluded) {
            Outcome outcome = concluded.outcome();
            if (outcome instanceof Outcome.Approved a) {
                return new Approved(a.requestId(), a.approvers(), mode(a.mode()), a.grantedDuration(), a.requester(),
                        a.beneficiary(), a.system(), a.role(), policy(a.policy()), a.decisions() == null ? null
                                : a.decisions().stream().map(d -> new Values.Decision(d.approver(), d.groups(),
                                        d.at(), d.comment(), evidence(d.mfa()))).toList(), a.maxDuration());
            } else if (outcome instanceof Outcome.Denied d) {
                return new Denied(d.requestId(), d.approver(), d.reason(), policy(d.policy()), evidence(d.mfa()),
                        d.groups());
            }
            Outcome.ApprovalTimedOut t = (Outcome.ApprovalTimedOut) outcome;
            return new ApprovalTimedOut(t.requestId(), t.escalationPath(), t.reason(), policy(t.policy()));
        }
        throw new IllegalArgumentException("not a public approval event: " + event);
    }

    @Override
    public ApprovalEvent fromPublished(EventEnvelope envelope) {
        DomainEvent data = envelope.data();
        if (data instanceof io.eer.contracts.events.ApprovalEscalated e) {
            return new Escalated(new ApprovalEscalated(e.requestId(), e.fromGroup(), e.toGroup(), e.level(),
                    e.deadline(), policy(e.policy())));
        } else if (data instanceof io.eer.contracts.events.AttemptRefused a) {
            Values.Principal actor = a.actor();
            return new AttemptRefused(a.requestId(), new Actor(actor.id(),
                    actor.type() == null ? null : actor.type().name(), actor.groups()), a.action(), a.rule(),
                    a.message(), policy(a.policy()));
        } else if (data instanceof Approved a) {
            return new Concluded(new Outcome.Approved(a.requestId(), a.approvers(), mode(a.mode()),
                    a.grantedDuration(), a.requester(), a.beneficiary(), a.system(), a.role(), policy(a.policy()),
                    a.decisions() == null ? null : a.decisions().stream().map(d -> new Outcome.ApprovalDecision(
                            d.approver(), d.groups(), d.at(), d.comment(), evidence(d.mfa()))).toList(),
                    a.maxDuration()));
        } else if (data instanceof Denied d) {
            return new Concluded(new Outcome.Denied(d.requestId(), d.approver(), d.reason(), policy(d.policy()),
                    evidence(d.mfa()), d.groups()));
        } else if (data instanceof ApprovalTimedOut t) {
            return new Concluded(new Outcome.ApprovalTimedOut(t.requestId(), t.escalationPath(), t.reason(),
                    policy(t.policy())));
        }
        throw new MalformedEventException("not an approval event: " + envelope.type());
    }

    @Override
    public ApprovalEvent fromInternal(String name, JsonNode body) {
        try {
            if (OPENED.equals(name)) {
                OpenedBody o = EventCodec.mapper().treeToValue(body, OpenedBody.class);
                ApprovalCase c = new ApprovalCase(o.requestId(), o.requester(), o.beneficiary(), o.system(), o.role(),
                        o.requestedDuration(), policy(o.policy()), mode(o.mode()), o.approverGroups(), o.quorum(),
                        o.distinctGroups(), o.decisionTimeout(), o.escalation(), o.validity(), mfa(o.approverMfa()),
                        o.maxDuration(), o.incident());
                return new Opened(c, o.at(), new RequestDetails(o.kind(), o.origin(), o.justification()));
            } else if (DECISION_RECORDED.equals(name)) {
                DecisionBody d = EventCodec.mapper().treeToValue(body, DecisionBody.class);
                return new DecisionRecorded(d.approver(), d.groups(), Decision.valueOf(d.decision()), d.comment(),
                        d.at(), evidence(d.mfa()));
            } else if (CANCELLED.equals(name)) {
                CancelledBody c = EventCodec.mapper().treeToValue(body, CancelledBody.class);
                return new Cancelled(c.by(), c.at());
            }
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("stored " + name + " does not bind", e);
        }
        throw new MalformedEventException("unknown internal approval event " + name);
    }

    static Values.PolicyRef policy(PolicyRef p) {
        return p == null ? null : new Values.PolicyRef(p.id(), p.version());
    }

    static PolicyRef policy(Values.PolicyRef p) {
        return p == null ? null : new PolicyRef(p.id(), p.version());
    }

    static Values.ApprovalMode mode(ApprovalMode m) {
        return m == null ? null : Values.ApprovalMode.valueOf(m.name());
    }

    static ApprovalMode mode(Values.ApprovalMode m) {
        return m == null ? null : ApprovalMode.valueOf(m.name());
    }

    static Values.MfaRequirement mfa(MfaRequirement m) {
        return m == null ? null : new Values.MfaRequirement(m.acceptedMethods(), m.maxAge());
    }

    static MfaRequirement mfa(Values.MfaRequirement m) {
        return m == null ? null : new MfaRequirement(m.acceptedMethods(), m.maxAge());
    }

    static Values.MfaEvidence evidence(MfaEvidence m) {
        return m == null ? null : new Values.MfaEvidence(m.methods(), m.authTime());
    }

    static MfaEvidence evidence(Values.MfaEvidence m) {
        return m == null ? null : new MfaEvidence(m.methods(), m.authTime());
    }

    /** One stored row read back as the approval's event, with the time a public one was stored (CloudEvent time). */
    public record Replayed(String requestId, ApprovalEvent event, Instant storedAt) {
    }

    public Replayed replay(io.eer.support.outbox.StoredEvent row) {
        ApprovalEvent event = io.eer.support.eventsourcing.Aggregates.read(row, this);
        Instant at = row.type.startsWith(io.eer.support.outbox.EventStore.INTERNAL) ? row.recordedAt
                : EventCodec.decode(row.payload).time();
        return new Replayed(row.aggregateId, event, at);
    }

    /** Whether {@code event} is published (and so stored with a CloudEvent envelope). */
    public boolean isPublished(ApprovalEvent event) {
        return !(event instanceof Opened) && !(event instanceof DecisionRecorded) && !(event instanceof Cancelled);
    }

    /**
     * The events just decided as they were stored: public ones read back from their envelopes (with their CloudEvent
     * time), so the live projection applies exactly what a rebuild will.
     */
    public List<Replayed> asStored(String requestId, List<ApprovalEvent> decided, List<EventEnvelope> published) {
        List<Replayed> stored = new java.util.ArrayList<>(decided.size());
        int next = 0;
        for (ApprovalEvent event : decided) {
            if (isPublished(event)) {
                EventEnvelope envelope = published.get(next++);
                stored.add(new Replayed(requestId, fromPublished(envelope), envelope.time()));
            } else {
                stored.add(new Replayed(requestId, event, null));
            }
        }
        return stored;
    }
}
