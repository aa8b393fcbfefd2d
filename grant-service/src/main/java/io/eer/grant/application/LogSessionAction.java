package io.eer.grant.application;

import io.eer.contracts.Topics;
import io.eer.contracts.events.SessionActionLogged;
import io.eer.grant.domain.GrantAccessRules;
import io.eer.grant.infra.AgentScopes;
import io.eer.grant.projection.GrantView;
import io.eer.support.outbox.EventStore;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Records what was done in a session opened with a grant, as {@code SessionActionLogged} on {@code eer.sessions}.
 * Accepted after the grant ended too: it is evidence (the audit service alerts on it). Call inside a transaction.
 */
@ApplicationScoped
public class LogSessionAction {

    private final EventStore eventStore;
    private final Clock clock;
    private final AgentScopes agentScopes;

    LogSessionAction(EventStore eventStore, Clock clock, AgentScopes agentScopes) {
        this.agentScopes = agentScopes;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    /** A validated action. */
    public record SessionAction(String sessionId, String action, String object, String source) {
    }

    /** Returns the id of the recorded event. */
    public Uni<String> execute(String grantId, SessionAction action, Caller caller) {
        return GrantView.lockedById(grantId).chain(view -> {
            if (view == null) {
                throw ProblemException.notFound("grant " + grantId);
            }
            if (!GrantAccessRules.mayLogAction(caller.id(), caller.groups(), view.beneficiary, view.system,
                    agentScopes.systemsOf(caller.id()))) {
                throw ProblemException.forbidden("only the beneficiary or a session agent scoped to " + view.system
                        + " may log actions of grant " + grantId);
            }
            SessionActionLogged logged = new SessionActionLogged(grantId, view.requestId, action.sessionId(),
                    action.action(), action.object(), clock.instant(), action.source());
            // the session actions of a grant are their own stream, so they never race its lifecycle events
            long version = view.actionsLogged;
            view.actionsLogged = version + 1;
            return eventStore.append(actionStream(grantId), version, Topics.SESSIONS, logged)
                    .map(envelopes -> envelopes.get(0).id());
        });
    }

    public static String actionStream(String grantId) {
        return grantId + "/actions";
    }
}
