package io.eer.request.projection;

import io.eer.request.domain.RequestEvent;
import io.eer.request.domain.RequestStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Keeps {@link RequestView} (table {@code request_status}) from the access request's events, in the transaction that
 * stored them; the same code rebuilds the table from {@code domain_event} ({@code application.RebuildRequestViews}).
 * {@code at} is when the event was recorded.
 */
@ApplicationScoped
public class RequestProjection {

    public Uni<Void> apply(String requestId, RequestEvent event, Instant at) {
        if (event instanceof RequestEvent.Requested r) {
            RequestView view = created(requestId, RequestStatus.PENDING_APPROVAL, r.requester().id(), r.system(),
                    r.role(), r.policy() == null ? null : r.policy().id(),
                    r.policy() == null ? null : r.policy().version(), at);
            view.kind = r.kind().name();
            view.origin = r.origin() == null ? null : r.origin().name();
            view.beneficiary = r.beneficiary().value();
            view.duration = r.duration() == null ? null : r.duration().toString();
            view.incident = r.incident();
            view.ticket = r.ticket();
            view.ruleId = r.ruleId();
            return view.persist().replaceWithVoid();
        }
        if (event instanceof RequestEvent.Rejected r) {
            return created(requestId, RequestStatus.REJECTED, r.requester().id(), r.system(), r.role(),
                    r.policy() == null ? null : r.policy().id(), r.policy() == null ? null : r.policy().version(), at)
                    .persist().replaceWithVoid();
        }
        return RequestView.<RequestView>findById(requestId).invoke(view -> {
            if (view == null) {
                return; // a lifecycle fact is only recorded for a known request; nothing else updates a missing row
            }
            view.version = view.version + 1;
            if (event instanceof RequestEvent.RejectedAskRecorded ask) {
                view.kind = ask.kind() == null ? "UNKNOWN" : ask.kind().name();
                view.origin = ask.origin() == null ? null : ask.origin().name();
                view.beneficiary = ask.beneficiary();
                view.duration = ask.duration() == null ? null : ask.duration().toString();
                view.incident = ask.incident();
                view.ticket = ask.ticket();
            } else if (event instanceof RequestEvent.Cancelled c) {
                view.status = RequestStatus.CANCELLED;
                view.cancelledBy = c.by().value();
                view.cancelReason = c.reason();
                view.cancelledAt = at;
                view.updatedAt = at;
            } else if (event instanceof RequestEvent.LifecycleAdvanced step) {
                // the same monotonic rule the aggregate applies (AccessRequest.advance): never backwards, and a
                // cancelled request stays cancelled; the first grant id is kept
                if (view.grantId == null && step.grantId() != null) {
                    view.grantId = step.grantId();
                    view.updatedAt = at;
                }
                if (view.status != RequestStatus.CANCELLED && step.reported().ordinal() > view.status.ordinal()) {
                    view.status = step.reported();
                    view.updatedAt = at;
                }
            }
        }).replaceWithVoid();
    }

    private static RequestView created(String requestId, RequestStatus status, String requester, String system,
            String role, String policyId, String policyVersion, Instant at) {
        RequestView view = new RequestView();
        view.requestId = requestId;
        view.kind = "UNKNOWN";
        view.status = status;
        view.requester = requester;
        view.system = system;
        view.role = role;
        view.policyId = policyId;
        view.policyVersion = policyVersion;
        view.version = 1;
        view.createdAt = at;
        view.updatedAt = at;
        return view;
    }
}
