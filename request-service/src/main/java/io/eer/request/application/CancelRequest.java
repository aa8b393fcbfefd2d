package io.eer.request.application;

import io.eer.contracts.Topics;
import io.eer.contracts.events.AttemptRefused;
import io.eer.contracts.events.RequestCancelled;
import io.eer.request.domain.RequestStatus;
import io.eer.request.infra.PolicyStore;
import io.eer.request.infra.RequestSettings;
import io.eer.request.projection.RequestView;
import io.eer.support.outbox.EventStore;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Cancels a request for its requester, its beneficiary or an admin: {@code RequestCancelled} on
 * {@code eer.requests}; approval-service closes a pending approval and grant-service revokes a live grant (or never
 * provisions one). Cancelling again is a no-op; a request that already ended cannot be cancelled (409). A refused
 * caller is recorded as {@code AttemptRefused}. Call inside a transaction.
 */
@ApplicationScoped
public class CancelRequest {

    public static final Set<RequestStatus> CANCELLABLE = EnumSet.of(RequestStatus.PENDING_APPROVAL,
            RequestStatus.APPROVED, RequestStatus.GRANTED);

    public sealed interface Result {
    }

    public record Cancelled(RequestView view, boolean already) implements Result {
    }

    public record Refused(String message) implements Result {
    }

    private final EventStore eventStore;
    private final PolicyStore policies;
    private final RequestSettings settings;
    private final Clock clock;

    CancelRequest(EventStore eventStore, PolicyStore policies, RequestSettings settings, Clock clock) {
        this.eventStore = eventStore;
        this.policies = policies;
        this.settings = settings;
        this.clock = clock;
    }

    public Uni<Result> execute(String requestId, Caller caller, String reason) {
        return RequestView.<RequestView>findById(requestId, LockModeType.PESSIMISTIC_WRITE).chain(view -> {
            if (view == null) {
                return Uni.createFrom().failure(ProblemException.notFound("request " + requestId));
            }
            boolean party = caller.id().equals(view.requester) || caller.id().equals(view.beneficiary);
            if (!party && !caller.inAnyGroup(settings.adminGroups())) {
                String message = caller.id() + " is neither the requester nor the beneficiary of request " + requestId;
                return eventStore.append(requestId, view.version, Topics.REQUESTS, new AttemptRefused(requestId,
                                caller.principal(), "CANCEL", "not-requester", message, policies.policy().ref()))
                        .invoke(() -> view.version = view.version + 1)
                        .replaceWith(new Refused(message));
            }
            if (view.status == RequestStatus.CANCELLED) {
                return Uni.createFrom().item(new Cancelled(view, true));
            }
            if (!CANCELLABLE.contains(view.status)) {
                return Uni.createFrom().failure(ProblemException.conflict("requestId", "not-cancellable",
                        "request " + requestId + " is " + view.status + "; only " + CANCELLABLE
                                + " requests can be cancelled"));
            }
            Instant now = clock.instant();
            return eventStore.append(requestId, view.version, Topics.REQUESTS,
                            new RequestCancelled(requestId, caller.id(), reason))
                    .invoke(() -> {
                        view.version = view.version + 1;
                        view.status = RequestStatus.CANCELLED;
                        view.cancelledBy = caller.id();
                        view.cancelReason = reason;
                        view.cancelledAt = now;
                        view.updatedAt = now;
                    })
                    .replaceWith(new Cancelled(view, false));
        });
    }
}
