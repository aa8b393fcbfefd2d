package io.eer.grant.application;

import io.eer.grant.domain.GrantCommand;
import io.eer.grant.domain.GrantCommand.ReconcileLogin;
import io.eer.grant.domain.GrantCommand.RecordOrphanRemoved;
import io.eer.grant.domain.GrantEvent;
import io.eer.grant.domain.RequestId;
import io.eer.grant.infra.out.RequestLocks;
import io.eer.grant.infra.out.connector.Connector;
import io.eer.grant.infra.out.connector.Connectors;
import io.eer.grant.projection.GrantViews;
import io.eer.support.decider.Decision;
import io.eer.support.time.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Removes temporary logins that no ACTIVE grant explains, e.g. one created on the target just before the service was
 * killed (the grant was never recorded), or one whose revocation could not drop it. A login whose request is being
 * provisioned right now is left alone: provisioning holds the request's advisory lock for its whole transaction, and
 * the reconciler only decides about a request whose lock it gets. Whether a login is an orphan is the grant decider's
 * ({@code ReconcileLogin}); each removal is recorded through it ({@code RecordOrphanRemoved}) as
 * {@code OrphanLoginRemoved} on {@code eer.grants}, in the history of the request's grant (or, for a login that names
 * no request, of an {@code orphan-login/<id>} aggregate of its own).
 */
@ApplicationScoped
public class ReconcileLogins {

    private static final Logger LOG = Logger.getLogger(ReconcileLogins.class);
    /** The provisioning comment: "EER temporary login: grant G, request R, for B, until U". */
    private static final Pattern REQUEST = Pattern.compile("request ([^,\\s]{1,200}),");

    private final Connectors connectors;
    private final RequestLocks locks;
    private final Grants grants;
    private final GrantViews views;
    private final Ids ids;
    private final Clock clock;

    ReconcileLogins(Connectors connectors, RequestLocks locks, Grants grants, GrantViews views, Ids ids, Clock clock) {
        this.connectors = connectors;
        this.locks = locks;
        this.grants = grants;
        this.views = views;
        this.ids = ids;
        this.clock = clock;
    }

    /** Looks at every target once; returns how many logins were removed. A target that is down is skipped. */
    public Uni<Integer> execute() {
        return Multi.createFrom().iterable(List.copyOf(connectors.all()))
                .onItem().transformToUniAndConcatenate(connector -> CallerContext.resumeOn(connector.temporaryLogins())
                        .onItem().transformToMulti(logins -> Multi.createFrom().iterable(logins))
                        .onItem().transformToUniAndConcatenate(login -> Panache.withTransaction(
                                        () -> reconcile(connector, login))
                                // one login that cannot be handled (e.g. made by another admin) must not block the rest
                                .onFailure().recoverWithItem(e -> {
                                    LOG.warnf("reconciling login %s on %s failed, the next round retries: %s",
                                            login.account(), connector.system(), e.getMessage());
                                    return false;
                                }))
                        .collect().asList()
                        .map(removed -> (int) removed.stream().filter(Boolean::booleanValue).count())
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("reconciling logins on %s failed, the next round retries: %s",
                                    connector.system(), e.getMessage());
                            return 0;
                        }))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    static String requestOf(String comment) {
        if (comment == null || !comment.startsWith("EER temporary login:")) {
            return null;
        }
        Matcher matcher = REQUEST.matcher(comment);
        return matcher.find() ? matcher.group(1) : null;
    }

    /**
     * One login, in its own transaction: loads what the decider needs (the grant of the request the login names, and
     * whether an ACTIVE grant holds its account), lets the decider say whether it is an orphan, removes it on the
     * target, and records {@code OrphanLoginRemoved} through the decider again.
     */
    private Uni<Boolean> reconcile(Connector connector, Connector.TemporaryLogin login) {
        RequestId request = requestIdOf(login.comment());
        Uni<Boolean> mayDecide = request == null ? Uni.createFrom().item(true) : locks.tryLock(request.value());
        return mayDecide.chain(free -> {
            if (!free) {
                return Uni.createFrom().item(false); // being provisioned or cancelled right now: next round
            }
            return views.heldByActiveGrant(login.account()).chain(held -> {
                ReconcileLogin command = new ReconcileLogin(connector.system(), login.account(), request, held);
                return decide(command).chain(decision -> decision.refused() ? Uni.createFrom().item(false)
                        : remove(connector, command));
            });
        });
    }

    private Uni<Boolean> remove(Connector connector, ReconcileLogin command) {
        // the granted role is unknown here; the connector hands anything the login owns to itself
        return CallerContext.resumeOn(connector.revoke(command.account(), null)).chain(revocation -> {
            if (!revocation.confirmed()) {
                LOG.errorf("orphan login %s on %s could not be removed completely: %s", command.account(),
                        connector.system(), revocation.leftovers());
                return Uni.createFrom().item(false);
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            return decide(new RecordOrphanRemoved(command, now)).map(decision -> {
                decision.events().forEach(event -> LOG.warnf("removed orphan login %s on %s: %s (%d session(s)"
                        + " terminated)", command.account(), connector.system(),
                        ((GrantEvent.OrphanLoginRemoved) event).reason(), revocation.sessionsTerminated()));
                return !decision.refused();
            });
        });
    }

    /** On the grant of the request the login names, or on an aggregate of its own when it names none. */
    private Uni<Decision<GrantEvent>> decide(GrantCommand command) {
        RequestId request = command instanceof ReconcileLogin login ? login.request()
                : ((RecordOrphanRemoved) command).login().request();
        return request != null ? grants.execute(request, command)
                : grants.executeDetached("orphan-login/" + ids.next(), command);
    }

    /** The request a login's comment names, if it names a valid one. */
    static RequestId requestIdOf(String comment) {
        String value = requestOf(comment);
        try {
            return value == null ? null : new RequestId(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
