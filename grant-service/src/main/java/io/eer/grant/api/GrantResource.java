package io.eer.grant.api;

import io.eer.grant.domain.SessionActionRules.RuleViolation;
import io.eer.grant.application.ChangeGrant;
import io.eer.grant.application.FetchCredentials;
import io.eer.grant.application.LogSessionAction;
import io.eer.grant.domain.Actor;
import io.eer.grant.domain.GrantAccessRules;
import io.eer.grant.domain.GrantState;
import io.eer.grant.config.AgentScopes;
import io.eer.grant.domain.GrantStatus;
import io.eer.grant.domain.SessionActionRules;
import io.eer.grant.projection.GrantView;
import io.eer.support.problem.Problem;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Caller;
import io.eer.support.security.Callers;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Path("/v1/grants")
@Produces(MediaType.APPLICATION_JSON)
public class GrantResource {

    private static final int MAX_LIST = 200;

    private final FetchCredentials fetchCredentials;
    private final LogSessionAction logSessionAction;
    private final Callers callers;
    private final AgentScopes agentScopes;
    private final ChangeGrant changeGrant;

    GrantResource(FetchCredentials fetchCredentials, LogSessionAction logSessionAction, Callers callers,
            AgentScopes agentScopes, ChangeGrant changeGrant) {
        this.agentScopes = agentScopes;
        this.changeGrant = changeGrant;
        this.fetchCredentials = fetchCredentials;
        this.logSessionAction = logSessionAction;
        this.callers = callers;
    }

    /** A grant's state; never its secret. */
    public record GrantStatusView(String grantId, String requestId, String status, String beneficiary,
            String system, String role, String connector, String account, Instant grantedAt, Instant expiresAt,
            Instant revokedAt, String revocationReason, Integer sessionsTerminated, Boolean confirmed,
            String failure) {

        static GrantStatusView of(GrantView view) {
            return new GrantStatusView(view.grantId, view.requestId, view.status.name(), view.beneficiary,
                    view.system, view.role, view.connector, view.account, view.grantedAt, view.expiresAt,
                    view.revokedAt, view.revocationReason == null ? null : view.revocationReason.name(),
                    view.sessionsTerminated, view.confirmed, view.failure);
        }

        static GrantStatusView of(GrantState state) {
            return new GrantStatusView(state.grantId().value(), state.requestId().value(), state.status().name(),
                    state.beneficiary(), state.system(), state.role(), state.connector(),
                    state.account() == null ? null : state.account().value(), state.grantedAt(), state.expiresAt(),
                    state.revokedAt(), state.revocationReason() == null ? null : state.revocationReason().name(),
                    state.sessionsTerminated(), state.confirmed(), state.failure());
        }
    }

    public record ActionBody(String sessionId, String action, String object, String source) {
    }

    public record ActionAccepted(String grantId, String eventId) {
    }

    @GET
    @Path("/{grantId}")
    @WithSession
    public Uni<GrantStatusView> status(@PathParam("grantId") String grantId) {
        Caller caller = callers.current();
        return GrantView.<GrantView>findById(grantId).map(view -> {
            if (view == null) {
                throw ProblemException.notFound("grant " + grantId);
            }
            if (!GrantAccessRules.mayRead(caller.id(), caller.groups(), view.beneficiary, view.system,
                    agentScopes.systemsOf(caller.id()))) {
                throw ProblemException.forbidden("grant " + grantId + " is visible to its beneficiary, to "
                        + String.join(", ", GrantAccessRules.OVERSEERS.stream().sorted().toList())
                        + " and to session agents scoped to its system");
            }
            return GrantStatusView.of(view);
        });
    }

    /** Grants, newest first; filtered by request, beneficiary or status. Callers outside the overseeing groups see their own. */
    @GET
    @WithSession
    public Uni<List<GrantStatusView>> list(@QueryParam("requestId") String requestId,
            @QueryParam("beneficiary") String beneficiary, @QueryParam("status") String status) {
        Caller caller = callers.current();
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (requestId != null && !requestId.isBlank()) {
            where.add("requestId = :requestId");
            parameters.and("requestId", requestId);
        }
        boolean all = GrantAccessRules.mayReadAll(caller.groups());
        java.util.Set<String> agentSystems = caller.groups().contains(GrantAccessRules.SESSION_AGENTS)
                ? agentScopes.systemsOf(caller.id()) : java.util.Set.of();
        if (!all && !agentSystems.isEmpty()) {
            // a scoped session agent: the grants on its systems, and its own
            where.add("(system in :agentSystems or beneficiary = :self)");
            parameters.and("agentSystems", agentSystems).and("self", caller.id());
            if (beneficiary != null && !beneficiary.isBlank()) {
                where.add("beneficiary = :beneficiary");
                parameters.and("beneficiary", beneficiary);
            }
        } else {
            String who = all ? beneficiary : caller.id();
            if (who != null && !who.isBlank()) {
                where.add("beneficiary = :beneficiary");
                parameters.and("beneficiary", who);
            }
        }
        if (status != null && !status.isBlank()) {
            where.add("status = :status");
            parameters.and("status", parseStatus(status));
        }
        String query = where.isEmpty() ? "" : String.join(" and ", where);
        return GrantView.<GrantView>find(query, Sort.descending("createdAt"), parameters).page(0, MAX_LIST).list()
                .map(views -> views.stream().map(GrantStatusView::of).toList());
    }

    @GET
    @Path("/{grantId}/credentials")
    @WithTransaction
    public Uni<Response> credentials(@PathParam("grantId") String grantId) {
        return fetchCredentials.execute(grantId, callers.current())
                .map(credentials -> Response.ok(credentials)
                        .header("Cache-Control", "no-store")
                        .header("Pragma", "no-cache")
                        .build());
    }

    @POST
    @Path("/{grantId}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    public Uni<Response> logAction(@PathParam("grantId") String grantId, ActionBody body) {
        if (body == null) {
            throw ProblemException.badRequest("body", "required", "send the action as a JSON object");
        }
        List<RuleViolation> violations = SessionActionRules.violations(body.sessionId(), body.action(),
                body.object(), body.source());
        if (!violations.isEmpty()) {
            throw new ProblemException(Problem.invalid(400, "Invalid request", violations.stream()
                    .map(v -> new Problem.Violation(v.field(), v.rule(), v.message())).toList()));
        }
        LogSessionAction.SessionAction action = new LogSessionAction.SessionAction(body.sessionId(), body.action(),
                body.object(), body.source());
        return logSessionAction.execute(grantId, action, callers.current())
                .map(eventId -> Response.accepted(new ActionAccepted(grantId, eventId)).build());
    }

    /**
     * Ends the grant now ({@code REVOKED_EARLY}): the beneficiary ("done"), or a member of {@code soc} or
     * {@code eer-admins}. 200 with the revoked grant; 202 when the target could not be reached yet (the grant stays
     * ACTIVE, {@code RevocationFailed} is recorded and the sweeper retries for the same reason).
     */
    @POST
    @Path("/{grantId}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> revoke(@PathParam("grantId") String grantId, GrantChangeBodies.RevokeBody body) {
        String reason = GrantChangeBodies.reason(body == null ? null : body.reason());
        return changeGrant.revokeEarly(grantId, actor(), reason).map(outcome -> {
            GrantState state = answered(outcome);
            return Response.status(state.status() == GrantStatus.REVOKED ? 200 : 202)
                    .entity(GrantStatusView.of(state)).build();
        });
    }

    /**
     * The beneficiary asks for more time: 200 {@code EXTENDED} ({@code AccessExtended}), or 202
     * {@code PENDING_APPROVAL} when the policy asks for re-approval.
     */
    @POST
    @Path("/{grantId}/extend")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> extend(@PathParam("grantId") String grantId, GrantChangeBodies.ExtendBody body) {
        if (body == null) {
            throw ProblemException.badRequest("body", "required", "send duration or expiresAt, and reason");
        }
        String reason = GrantChangeBodies.reason(body.reason());
        GrantChangeBodies.requestedDeadline(body, null); // the body's shape first: 400 before anything is read
        return changeGrant.extend(grantId, actor(),
                        grantedAt -> GrantChangeBodies.requestedDeadline(body, grantedAt), reason)
                .map(outcome -> {
                    GrantState state = answered(outcome);
                    GrantChangeBodies.ExtensionView view = GrantChangeBodies.ExtensionView.of(state,
                            state.expiresAt());
                    return Response.status(state.pendingExtension() != null ? 202 : 200).entity(view).build();
                });
    }

    /** A second person (the rule's approver groups, never the beneficiary) approves the waiting extension. */
    @POST
    @Path("/{grantId}/extend/approval")
    public Uni<GrantChangeBodies.ExtensionView> approveExtension(@PathParam("grantId") String grantId) {
        return changeGrant.approveExtension(grantId, actor())
                .map(outcome -> GrantChangeBodies.ExtensionView.of(answered(outcome), answered(outcome).expiresAt()));
    }

    private Actor actor() {
        Caller caller = callers.current();
        return new Actor(caller.id(), caller.type().name(), caller.groups());
    }

    /** A refusal becomes its problem here, after the transaction that recorded it committed. */
    private static GrantState answered(ChangeGrant.Outcome outcome) {
        if (outcome.refused() != null) {
            throw outcome.refused();
        }
        return outcome.state();
    }

    private static GrantStatus parseStatus(String text) {
        try {
            return GrantStatus.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status", "one-of", "status must be one of ACTIVE, REVOKED, FAILED");
        }
    }
}
