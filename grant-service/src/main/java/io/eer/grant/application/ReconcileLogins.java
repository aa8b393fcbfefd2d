package io.eer.grant.application;

import io.eer.contracts.Topics;
import io.eer.contracts.events.OrphanLoginRemoved;
import io.eer.grant.domain.GrantStatus;
import io.eer.grant.application.CallerContext;
import io.eer.grant.infra.out.RequestLocks;
import io.eer.grant.infra.out.connector.Connector;
import io.eer.grant.infra.out.connector.Connectors;
import io.eer.support.outbox.EventStore;
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
 * the reconciler only decides about a request whose lock it gets. Each removal is recorded as
 * {@code OrphanLoginRemoved} on {@code eer.grants}.
 */
@ApplicationScoped
public class ReconcileLogins {

    private static final Logger LOG = Logger.getLogger(ReconcileLogins.class);
    /** The provisioning comment: "EER temporary login: grant G, request R, for B, until U". */
    private static final Pattern REQUEST = Pattern.compile("request ([^,\\s]{1,200}),");

    private final Connectors connectors;
    private final RequestLocks locks;
    private final EventStore eventStore;
    private final Ids ids;
    private final Clock clock;

    ReconcileLogins(Connectors connectors, RequestLocks locks, EventStore eventStore, Ids ids, Clock clock) {
        this.connectors = connectors;
        this.locks = locks;
        this.eventStore = eventStore;
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

    private Uni<Boolean> reconcile(Connector connector, Connector.TemporaryLogin login) {
        String requestId = requestOf(login.comment());
        Uni<Boolean> mayDecide = requestId == null ? Uni.createFrom().item(true) : locks.tryLock(requestId);
        return mayDecide.chain(free -> {
            if (!free) {
                return Uni.createFrom().item(false); // being provisioned or cancelled right now: next round
            }
            return Panache.getSession().chain(session -> session.createNativeQuery(
                            "select status from grant_view where account = ?1 or (?2 <> '' and request_id = ?2)",
                            String.class)
                    .setParameter(1, login.account())
                    .setParameter(2, requestId == null ? "" : requestId)
                    .getResultList())
                    .chain(statuses -> {
                        if (statuses.contains(GrantStatus.ACTIVE.name())) {
                            return Uni.createFrom().item(false);
                        }
                        String reason = requestId == null ? "the login names no request"
                                : statuses.isEmpty() ? "request " + requestId + " has no grant (provisioning interrupted)"
                                : "the grant of request " + requestId + " is " + String.join("/", statuses)
                                        + ", not ACTIVE";
                        return remove(connector, login, requestId, reason);
                    });
        });
    }

    private Uni<Boolean> remove(Connector connector, Connector.TemporaryLogin login, String requestId, String reason) {
        // the granted role is unknown here; the connector hands anything the login owns to itself
        return CallerContext.resumeOn(connector.revoke(login.account(), null)).chain(revocation -> {
            if (!revocation.confirmed()) {
                LOG.errorf("orphan login %s on %s could not be removed completely: %s", login.account(),
                        connector.system(), revocation.leftovers());
                return Uni.createFrom().item(false);
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            LOG.warnf("removed orphan login %s on %s: %s (%d session(s) terminated)", login.account(),
                    connector.system(), reason, revocation.sessionsTerminated());
            OrphanLoginRemoved removed = new OrphanLoginRemoved(
                    requestId == null ? OrphanLoginRemoved.UNKNOWN_REQUEST : requestId, connector.system(),
                    login.account(), reason, now);
            return eventStore.append("orphan-login/" + ids.next(), 0, Topics.GRANTS, removed).replaceWith(true);
        });
    }
}
