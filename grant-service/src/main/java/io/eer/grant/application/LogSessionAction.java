package io.eer.grant.application;

import io.eer.grant.config.AgentScopes;
import io.eer.grant.domain.Grant;
import io.eer.grant.domain.GrantCommand;
import io.eer.grant.domain.GrantEvent;
import io.eer.grant.domain.GrantRefusal;
import io.eer.grant.domain.RequestId;
import io.eer.grant.infra.out.GrantEvents;
import io.eer.grant.infra.out.RequestLocks;
import io.eer.grant.projection.GrantView;
import io.eer.grant.projection.GrantViews;
import io.eer.support.decider.Decision;
import io.eer.support.outbox.EventStore;
import io.eer.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Records what was done in a session opened with a grant, as {@code SessionActionLogged} on {@code eer.sessions}.
 * The {@link Grant} decider decides who may (from the grant's own events); the action is stored in the grant's
 * separate stream {@code <grantId>/actions}, so a busy session never races the revocation. Accepted after the grant
 * ended too: it is evidence (the audit service alerts on it). Call inside a transaction.
 */
@ApplicationScoped
public class LogSessionAction {

    private final Grants grants;
    private final GrantEvents mapping;
    private final EventStore eventStore;
    private final RequestLocks locks;
    private final GrantViews views;
    private final Clock clock;
    private final AgentScopes agentScopes;

    LogSessionAction(Grants grants, GrantEvents mapping, EventStore eventStore, RequestLocks locks, GrantViews views,
            Clock clock, AgentScopes agentScopes) {
        this.grants = grants;
        this.mapping = mapping;
        this.eventStore = eventStore;
        this.locks = locks;
        this.views = views;
        this.clock = clock;
        this.agentScopes = agentScopes;
    }

    /** A validated action. */
    public record SessionAction(String sessionId, String action, String object, String source) {
    }

    /** Returns the id of the recorded event; {@link Refused} for an unknown grant or a caller who may not. */
    public Uni<String> execute(String grantId, SessionAction action, Caller caller) {
        // the view only finds the grant's aggregate (the request); the decision is taken on the grant's events
        return GrantView.<GrantView>findById(grantId).chain(view -> {
            if (view == null) {
                return Uni.createFrom().failure(new Refused(GrantRefusal.UNKNOWN_GRANT, "grant " + grantId
                        + " does not exist"));
            }
            RequestId requestId = new RequestId(view.requestId);
            String stream = actionStream(grantId);
            return locks.lockActions(grantId)
                    .chain(() -> grants.state(requestId))
                    .chain(state -> {
                        Decision<GrantEvent> decision = Grant.DECIDER.decide(state, new GrantCommand.LogSessionAction(
                                caller.id(), caller.groups(), agentScopes.systemsOf(caller.id()), action.sessionId(),
                                action.action(), action.object(), action.source(), clock.instant()));
                        if (decision instanceof Decision.Refused<GrantEvent> refused) {
                            return Uni.createFrom().failure(new Refused(refused.rule(), refused.detail()));
                        }
                        return locks.version(stream)
                                .chain(version -> eventStore.append(stream, version,
                                        decision.events().stream().map(mapping::toStored).toList()))
                                .call(() -> views.actionLogged(grantId))
                                .map(envelopes -> envelopes.get(0).id());
                    });
        });
    }

    public static String actionStream(String grantId) {
        return grantId + "/actions";
    }
}
