package io.eer.grant.infra.out;

import com.fasterxml.jackson.databind.JsonNode;
import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.MalformedEventException;
import io.eer.contracts.Topics;
import io.eer.contracts.events.AccessExtended;
import io.eer.contracts.events.AccessGranted;
import io.eer.contracts.events.AttemptRefused;
import io.eer.contracts.events.AccessRevoked;
import io.eer.contracts.events.GrantFailed;
import io.eer.contracts.events.OrphanLoginRemoved;
import io.eer.contracts.events.RevocationFailed;
import io.eer.contracts.events.SessionActionLogged;
import io.eer.contracts.events.Values;
import io.eer.grant.domain.Actor;
import io.eer.grant.domain.GrantEvent;
import io.eer.grant.domain.GrantId;
import io.eer.grant.domain.LoginName;
import io.eer.grant.domain.RequestId;
import io.eer.grant.domain.RevocationReason;
import io.eer.support.eventsourcing.EventMapping;
import io.eer.support.eventsourcing.StoredForm;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The grant aggregate's events as stored: {@code AccessGranted}, {@code GrantFailed}, {@code RevocationFailed},
 * {@code AccessRevoked}, {@code AccessExtended}, {@code AttemptRefused}, {@code OrphanLoginRemoved} on {@code eer.grants} and {@code SessionActionLogged} on {@code eer.sessions} are public;
 * the rest are internal records ({@code internal:grant.*}) only this service reads. No record carries a secret.
 */
@ApplicationScoped
public class GrantEvents implements EventMapping<GrantEvent> {

    static final String OPENED = "grant.opened";
    static final String LOGIN_ISSUED = "grant.loginIssued";
    static final String CANCELLED = "grant.requestCancelled";
    static final String PENDING = "grant.revocationPending";
    static final String UNCONFIRMED = "grant.revocationUnconfirmed";
    static final String EXTENSION_REQUESTED = "grant.extensionRequested";

    /** Internal record bodies: plain JSON, strings and ISO instants. */
    record OpenedBody(String grantId, String requestId, String beneficiary, String system, String role,
            String connector, Instant at) {
    }

    record LoginBody(String grantId, String host, Integer port, String database) {
    }

    record CancelledBody(String requestId, String by, String reason, Instant at) {
    }

    /** {@code by}, {@code note}: who asked for an early revocation and why (absent in records written before). */
    record PendingBody(String grantId, String reason, Instant at, String by, String note) {
    }

    record ExtensionRequestedBody(String grantId, Instant expiresAt, String by, String reason,
            java.util.List<String> approverGroups, Instant at) {
    }

    record UnconfirmedBody(String grantId, String leftovers) {
    }

    @Override
    public StoredForm toStored(GrantEvent event) {
        if (event instanceof GrantEvent.Granted g) {
            return new StoredForm.Published(Topics.GRANTS, new AccessGranted(g.grantId().value(),
                    g.requestId().value(), g.beneficiary(), g.system(), g.role(), g.connector(), g.account().value(),
                    g.grantedAt(), g.expiresAt()));
        }
        if (event instanceof GrantEvent.Failed f) {
            return new StoredForm.Published(Topics.GRANTS, new GrantFailed(f.requestId().value(), f.system(),
                    f.connector(), f.error()));
        }
        if (event instanceof GrantEvent.RevocationFailed f) {
            return new StoredForm.Published(Topics.GRANTS, new RevocationFailed(f.grantId().value(),
                    f.requestId().value(), f.system(), f.attempt(), f.error(), f.nextAttemptAt()));
        }
        if (event instanceof GrantEvent.Revoked r) {
            return new StoredForm.Published(Topics.GRANTS, new AccessRevoked(r.grantId().value(),
                    r.requestId().value(), r.system(), Values.RevocationReason.valueOf(r.reason().name()),
                    r.revokedAt(), r.sessionsTerminated(), r.confirmed(), r.revokedBy(), r.note()));
        }
        if (event instanceof GrantEvent.Extended x) {
            return new StoredForm.Published(Topics.GRANTS, new AccessExtended(x.grantId().value(),
                    x.requestId().value(), x.system(), x.previousExpiresAt(), x.expiresAt(), x.by(), x.reason(),
                    x.at(), x.approvedBy()));
        }
        if (event instanceof GrantEvent.AttemptRefused a) {
            Actor actor = a.actor();
            return new StoredForm.Published(Topics.GRANTS, new AttemptRefused(a.requestId().value(),
                    new Values.Principal(actor.id(), principalType(actor.type()),
                            actor.groups().stream().sorted().toList()),
                    a.action(), a.rule(), a.message(), null));
        }
        if (event instanceof GrantEvent.OrphanLoginRemoved o) {
            return new StoredForm.Published(Topics.GRANTS, new OrphanLoginRemoved(o.requestId() == null
                    ? OrphanLoginRemoved.UNKNOWN_REQUEST : o.requestId().value(), o.system(), o.account(), o.reason(),
                    o.at()));
        }
        if (event instanceof GrantEvent.ExtensionRequested x) {
            return new StoredForm.Internal(EXTENSION_REQUESTED, new ExtensionRequestedBody(x.grantId().value(),
                    x.expiresAt(), x.by(), x.reason(), x.approverGroups(), x.at()));
        }
        if (event instanceof GrantEvent.SessionActionLogged s) {
            return new StoredForm.Published(Topics.SESSIONS, new SessionActionLogged(s.grantId().value(),
                    s.requestId().value(), s.sessionId(), s.action(), s.object(), s.at(), s.source(),
                    s.reportedVia()));
        }
        if (event instanceof GrantEvent.Opened o) {
            return new StoredForm.Internal(OPENED, new OpenedBody(o.grantId().value(), o.requestId().value(),
                    o.beneficiary(), o.system(), o.role(), o.connector(), o.at()));
        }
        if (event instanceof GrantEvent.LoginIssued l) {
            return new StoredForm.Internal(LOGIN_ISSUED, new LoginBody(l.grantId().value(), l.host(), l.port(),
                    l.database()));
        }
        if (event instanceof GrantEvent.Cancelled c) {
            return new StoredForm.Internal(CANCELLED, new CancelledBody(c.requestId().value(), c.by(), c.reason(),
                    c.at()));
        }
        if (event instanceof GrantEvent.RevocationPending p) {
            return new StoredForm.Internal(PENDING, new PendingBody(p.grantId().value(), p.reason().name(), p.at(),
                    p.by(), p.note()));
        }
        GrantEvent.RevocationUnconfirmed u = (GrantEvent.RevocationUnconfirmed) event;
        return new StoredForm.Internal(UNCONFIRMED, new UnconfirmedBody(u.grantId().value(), u.leftovers()));
    }

    /** The token's type as the event records it; tokens fail closed, so it is always one of the two. */
    private static Values.PrincipalType principalType(String type) {
        try {
            return type == null ? null : Values.PrincipalType.valueOf(type);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public GrantEvent fromPublished(EventEnvelope envelope) {
        Object data = envelope.data();
        if (data instanceof AccessGranted g) {
            return new GrantEvent.Granted(new GrantId(g.grantId()), new RequestId(g.requestId()), g.beneficiary(),
                    g.system(), g.role(), g.connector(), new LoginName(g.account()), g.grantedAt(), g.expiresAt());
        }
        if (data instanceof GrantFailed f) {
            return new GrantEvent.Failed(new RequestId(f.requestId()), f.system(), f.connector(), f.error());
        }
        if (data instanceof RevocationFailed f) {
            return new GrantEvent.RevocationFailed(new GrantId(f.grantId()), new RequestId(f.requestId()), f.system(),
                    f.attempt(), f.error(), f.nextAttemptAt());
        }
        if (data instanceof AccessRevoked r) {
            return new GrantEvent.Revoked(new GrantId(r.grantId()), new RequestId(r.requestId()), r.system(),
                    RevocationReason.valueOf(r.reason().name()), r.revokedAt(), r.sessionsTerminated(),
                    r.confirmed(), r.revokedBy(), r.note());
        }
        if (data instanceof AccessExtended x) {
            return new GrantEvent.Extended(new GrantId(x.grantId()), new RequestId(x.requestId()), x.system(),
                    x.previousExpiresAt(), x.expiresAt(), x.by(), x.reason(), x.at(), x.approvedBy());
        }
        if (data instanceof AttemptRefused a) {
            return new GrantEvent.AttemptRefused(new RequestId(a.requestId()), new Actor(a.actor().id(),
                    a.actor().type() == null ? null : a.actor().type().name(), java.util.Set.copyOf(a.actor().groups())),
                    a.action(), a.rule(), a.message());
        }
        if (data instanceof SessionActionLogged s) {
            return new GrantEvent.SessionActionLogged(new GrantId(s.grantId()), new RequestId(s.requestId()),
                    s.sessionId(), s.action(), s.object(), s.at(), s.source(), s.reportedVia());
        }
        if (data instanceof OrphanLoginRemoved o) {
            return new GrantEvent.OrphanLoginRemoved(OrphanLoginRemoved.UNKNOWN_REQUEST.equals(o.requestId()) ? null
                    : new RequestId(o.requestId()), o.system(), o.account(), o.reason(), o.removedAt());
        }
        throw new MalformedEventException("not a grant event: " + envelope.type());
    }

    @Override
    public GrantEvent fromInternal(String name, JsonNode body) {
        try {
            switch (name) {
                case OPENED -> {
                    OpenedBody o = EventCodec.mapper().treeToValue(body, OpenedBody.class);
                    return new GrantEvent.Opened(new GrantId(o.grantId()), new RequestId(o.requestId()),
                            o.beneficiary(), o.system(), o.role(), o.connector(), o.at());
                }
                case LOGIN_ISSUED -> {
                    LoginBody l = EventCodec.mapper().treeToValue(body, LoginBody.class);
                    return new GrantEvent.LoginIssued(new GrantId(l.grantId()), l.host(), l.port(), l.database());
                }
                case CANCELLED -> {
                    CancelledBody c = EventCodec.mapper().treeToValue(body, CancelledBody.class);
                    return new GrantEvent.Cancelled(new RequestId(c.requestId()), c.by(), c.reason(), c.at());
                }
                case PENDING -> {
                    PendingBody p = EventCodec.mapper().treeToValue(body, PendingBody.class);
                    return new GrantEvent.RevocationPending(new GrantId(p.grantId()),
                            RevocationReason.valueOf(p.reason()), p.at(), p.by(), p.note());
                }
                case EXTENSION_REQUESTED -> {
                    ExtensionRequestedBody x = EventCodec.mapper().treeToValue(body, ExtensionRequestedBody.class);
                    return new GrantEvent.ExtensionRequested(new GrantId(x.grantId()), x.expiresAt(), x.by(),
                            x.reason(), x.approverGroups(), x.at());
                }
                case UNCONFIRMED -> {
                    UnconfirmedBody u = EventCodec.mapper().treeToValue(body, UnconfirmedBody.class);
                    return new GrantEvent.RevocationUnconfirmed(new GrantId(u.grantId()), u.leftovers());
                }
                default -> throw new MalformedEventException("unknown internal grant record " + name);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MalformedEventException("internal grant record " + name + " does not bind", e);
        }
    }
}
