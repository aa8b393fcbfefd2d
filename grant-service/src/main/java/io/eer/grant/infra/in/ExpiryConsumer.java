package io.eer.grant.infra.in;

import io.eer.contracts.events.AccessExpired;
import io.eer.grant.application.RevokeAccess;
import io.eer.support.inbox.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Revokes a grant when its timer fires ({@code AccessExpired} on {@code eer.expiries}). Failures follow
 * {@link EventConsumer}: a database outage is retried until it succeeds (an expiry is never dropped for it); a
 * malformed or forged record goes to {@code eer.dlq.grant}. An expiry for a deadline the grant has since been
 * extended past ends nothing (the new deadline stands; the sweeper backs it up). A target that refuses the revocation is not a dead
 * letter: the grant stays due, {@code RevocationFailed} is recorded and the sweeper retries.
 */
@ApplicationScoped
public class ExpiryConsumer {

    private final EventConsumer consumer;
    private final RevokeAccess revokeAccess;

    ExpiryConsumer(EventConsumer consumer, RevokeAccess revokeAccess) {
        this.consumer = consumer;
        this.revokeAccess = revokeAccess;
    }

    @Incoming("expiries")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL) // EventConsumer acks after commit, or nacks to the DLQ
    Uni<Void> onExpiryEvent(Message<String> record) {
        return consumer.consume(record, AccessExpired.class,
                expired -> revokeAccess.expire(expired.requestId(), expired.grantId(), expired.deadline()));
    }
}
