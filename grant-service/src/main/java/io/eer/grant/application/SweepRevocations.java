package io.eer.grant.application;

import io.eer.grant.domain.GrantStatus;
import io.eer.grant.config.GrantSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Revokes, on its own, every ACTIVE grant whose deadline passed more than {@code eer.grant.sweeper.grace} ago (so
 * access ends even when expiry-service or its message is lost) and every grant whose failed revocation is due again.
 * Each grant in its own transaction through {@link RevokeAccess}, which locks the grant and skips one already
 * revoked: the sweeper and the expiry message never revoke twice.
 */
@ApplicationScoped
public class SweepRevocations {

    private static final Logger LOG = Logger.getLogger(SweepRevocations.class);

    private final RevokeAccess revokeAccess;
    private final GrantSettings settings;
    private final Clock clock;

    SweepRevocations(RevokeAccess revokeAccess, GrantSettings settings, Clock clock) {
        this.revokeAccess = revokeAccess;
        this.settings = settings;
        this.clock = clock;
    }

    /** Returns how many due grants were handled (revoked or rescheduled). */
    public Uni<Integer> execute() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(settings.sweeper().grace());
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        select request_id from grant_view
                        where status = ?1
                          and ((next_revocation_at is null and expires_at < ?2) or next_revocation_at <= ?3)
                        order by coalesce(next_revocation_at, expires_at) limit ?4""", String.class)
                        .setParameter(1, GrantStatus.ACTIVE.name())
                        .setParameter(2, cutoff)
                        .setParameter(3, now)
                        .setParameter(4, settings.sweeper().batchSize())
                        .getResultList()))
                .chain(this::sweep);
    }

    private Uni<Integer> sweep(List<String> due) {
        if (due.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        LOG.infof("revocation sweeper: %d grant(s) past their deadline or due for another attempt", due.size());
        return Multi.createFrom().iterable(due)
                .onItem().transformToUniAndConcatenate(requestId -> Panache.withTransaction(
                                () -> revokeAccess.execute(requestId, null, null))
                        .replaceWith(1)
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("revocation sweeper: request %s: %s", requestId, e.getMessage());
                            return 0;
                        }))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }
}
