package io.eer.request.application;

import io.eer.request.config.RequestSettings;
import io.eer.request.domain.RequestCommand;
import io.eer.request.domain.RequestEvent;
import io.eer.request.domain.RequestId;
import io.eer.request.infra.out.PolicyStore;
import io.eer.request.projection.RequestView;
import io.eer.support.decider.Decision;
import io.eer.support.decider.Rule;
import io.eer.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Cancels a request for its requester, its beneficiary or an admin: {@code RequestCancelled} on
 * {@code eer.requests}; approval-service closes a pending approval and grant-service revokes a live grant (or never
 * provisions one). Cancelling again changes nothing; a request that already ended is refused
 * ({@code not-cancellable}). A refused caller is recorded as {@code AttemptRefused}. Decided by
 * {@link io.eer.request.domain.AccessRequest}. Call inside a transaction.
 */
@ApplicationScoped
public class CancelRequest {

    public sealed interface Result {
    }

    /** Cancelled now, or already ({@code already}); {@code view} is the request after it. */
    public record Cancelled(RequestView view, boolean already) implements Result {
    }

    /** The caller may not cancel this request; the attempt was recorded. */
    public record NotAParty(String message) implements Result {
    }

    /** The aggregate refused under {@code rule}. */
    public record Refused(Rule rule, String detail) implements Result {
    }

    private final RequestAggregate aggregate;
    private final PolicyStore policies;
    private final RequestSettings settings;

    CancelRequest(RequestAggregate aggregate, PolicyStore policies, RequestSettings settings) {
        this.aggregate = aggregate;
        this.policies = policies;
        this.settings = settings;
    }

    public Uni<Result> execute(RequestId id, Caller caller, String reason) {
        RequestCommand.Cancel cancel = new RequestCommand.Cancel(Requesters.of(caller).principal(),
                caller.inAnyGroup(settings.adminGroups()), reason, policies.policy().ref());
        return aggregate.execute(id, cancel).chain(executed -> {
            Decision<RequestEvent> decision = executed.decision();
            if (decision instanceof Decision.Refused<RequestEvent> refused) {
                return Uni.createFrom().item(new Refused(refused.rule(), refused.detail()));
            }
            if (!decision.events().isEmpty() && decision.events().get(0) instanceof RequestEvent.CancelRefused r) {
                return Uni.createFrom().item(new NotAParty(r.message()));
            }
            boolean already = decision.events().isEmpty();
            return RequestView.<RequestView>findById(id.value()).map(view -> new Cancelled(view, already));
        });
    }
}
