package io.eer.grant.infra;

import io.eer.contracts.EventCodec;
import io.eer.contracts.EventEnvelope;
import io.eer.contracts.events.AccessExpired;
import io.eer.contracts.events.Values.RevocationReason;
import io.eer.grant.application.RevokeAccess;
import io.eer.support.inbox.Inbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Revokes a grant when its timer fires ({@code AccessExpired} on {@code eer.expiries}). A revocation that cannot
 * reach the target fails the message (after retries), which then goes to {@code eer.dlq.grant}.
 */
@ApplicationScoped
public class ExpiryConsumer {

    private final Inbox inbox;
    private final RevokeAccess revokeAccess;

    ExpiryConsumer(Inbox inbox, RevokeAccess revokeAccess) {
        this.inbox = inbox;
        this.revokeAccess = revokeAccess;
    }

    @Incoming("expiries")
    @WithTransaction
    Uni<Void> onExpiryEvent(String payload) {
        EventEnvelope event = EventCodec.decode(payload);
        return inbox.once(event.id(), () -> event.data() instanceof AccessExpired expired
                ? revokeAccess.execute(expired.grantId(), RevocationReason.EXPIRED)
                : Uni.createFrom().voidItem());
    }
}
