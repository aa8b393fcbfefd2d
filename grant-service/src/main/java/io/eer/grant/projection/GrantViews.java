package io.eer.grant.projection;

import io.eer.grant.domain.GrantEvent;
import io.eer.grant.domain.GrantState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@code grant_view} (and the wiping of {@code grant_credential}) in step with the grant's events, in the
 * transaction that stored them. The view is a function of the events: {@link #rebuild} recomputes it from
 * {@code domain_event}. The credential table is not: the secret is never in an event (see docs/grant-service.md).
 */
@ApplicationScoped
public class GrantViews {

    /** After {@code events} were stored for the aggregate now in {@code state}. */
    public Uni<Void> apply(GrantState state, List<GrantEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        if (state.exists()) {
            chain = GrantView.<GrantView>findById(state.grantId().value()).chain(view -> {
                GrantView target = view == null ? new GrantView() : view;
                target.copy(state);
                return view == null ? target.persist().replaceWithVoid() : Uni.createFrom().voidItem();
            });
        }
        for (GrantEvent event : events) {
            if (event instanceof GrantEvent.Revoked revoked) {
                // an unfetched secret does not outlive the grant
                chain = chain.chain(() -> wipe(revoked.grantId().value(), revoked.revokedAt()));
            }
        }
        return chain;
    }

    /** Whether an ACTIVE grant (of any request) holds {@code account}; for the login reconciler. */
    public Uni<Boolean> heldByActiveGrant(String account) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select grant_id from grant_view where account = ?1 and status = 'ACTIVE' limit 1", String.class)
                .setParameter(1, account)
                .getResultList())
                .map(rows -> !rows.isEmpty());
    }

    /** One more session action was stored for {@code grantId}. */
    public Uni<Void> actionLogged(String grantId) {
        return GrantView.<GrantView>findById(grantId).invoke(view -> {
            if (view != null) {
                view.actionsLogged++;
            }
        }).replaceWithVoid();
    }

    private static Uni<Void> wipe(String grantId, Instant at) {
        return GrantCredential.lockedById(grantId).invoke(credential -> {
            if (credential != null && credential.present()) {
                credential.wipe(GrantCredential.WIPED_GRANT_ENDED, at);
            }
        }).replaceWithVoid();
    }

    /**
     * Replaces every row of {@code grant_view} with the given states (folded from {@code domain_event}) and session
     * action counts. Credential rows are left as they are.
     */
    public Uni<Integer> rebuild(Collection<GrantState> states, Map<String, Long> actionsByGrant) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("delete from grant_view").executeUpdate())
                .chain(() -> {
                    List<GrantView> views = states.stream().filter(GrantState::exists).map(state -> {
                        GrantView view = new GrantView();
                        view.copy(state);
                        view.actionsLogged = actionsByGrant.getOrDefault(view.grantId, 0L);
                        return view;
                    }).toList();
                    return GrantView.persist(views).replaceWith(views.size());
                });
    }
}
