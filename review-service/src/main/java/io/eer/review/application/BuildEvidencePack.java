package io.eer.review.application;

import io.eer.review.application.EvidencePack.ActionPart;
import io.eer.review.application.EvidencePack.Actions;
import io.eer.review.application.EvidencePack.ApprovalPart;
import io.eer.review.application.EvidencePack.AttestationPart;
import io.eer.review.application.EvidencePack.DecisionPart;
import io.eer.review.application.EvidencePack.GrantPart;
import io.eer.review.application.EvidencePack.RequestPart;
import io.eer.review.application.EvidencePack.RevocationPart;
import io.eer.review.domain.ActionChannel;
import io.eer.review.domain.GrantId;
import io.eer.review.domain.Review;
import io.eer.review.domain.ReviewEvidence;
import io.eer.review.domain.ReviewFindings;
import io.eer.review.domain.ReviewId;
import io.eer.review.domain.ReviewState;
import io.eer.review.domain.UpstreamFact;
import io.eer.review.infra.out.AuditLedger;
import io.eer.review.infra.out.ReviewEventMapping;
import io.eer.review.infra.out.ReviewStore;
import io.eer.review.projection.LedgerProofs;
import io.eer.review.projection.ReviewView;
import io.eer.support.eventsourcing.Aggregates;
import io.eer.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;


/**
 * The evidence pack of a review, for whoever may see the review (its reviewer groups, auditors): read in one
 * session, then the ledger proofs are fetched from audit-service with no session or transaction open.
 */
@ApplicationScoped
public class BuildEvidencePack {

    /** The pack, or why there is none. */
    public sealed interface Result {
        record Built(EvidencePack pack) implements Result {
        }

        record NotFound(ListReviews.Seen seen) implements Result {
        }
    }

    private final ListReviews listReviews;
    private final Aggregates aggregates;
    private final ReviewStore store;
    private final AuditLedger ledger;
    private final Clock clock;

    BuildEvidencePack(ListReviews listReviews, Aggregates aggregates, ReviewStore store, AuditLedger ledger,
            Clock clock) {
        this.listReviews = listReviews;
        this.aggregates = aggregates;
        this.store = store;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The whole pack: the evidence, then the ledger proofs from audit-service with no session open. */
    public Uni<Result> execute(Caller caller, String reviewId) {
        return evidence(caller, reviewId).chain(result -> {
            if (!(result instanceof Result.Built built)) {
                return Uni.createFrom().item(result);
            }
            EvidencePack pack = built.pack();
            return ledger.proofs(pack.review().requestId(), pack.review().grantId())
                    .map(proofs -> (Result) new Result.Built(withLedger(pack, proofs)));
        });
    }

    /**
     * The pack without the ledger proofs ({@code ledger.status} {@code unavailable}, "not fetched"), read in one
     * session: what {@code GET /v1/reviews/{id}} shows of the evidence ({@link ReviewDetail}).
     */
    public Uni<Result> evidence(Caller caller, String reviewId) {
        return Panache.withSession(() -> listReviews.one(caller, reviewId).chain(seen -> {
            if (!(seen instanceof ListReviews.Seen.Found found)) {
                return Uni.createFrom().item((Result) new Result.NotFound(seen));
            }
            return aggregates.load(reviewId, ReviewEventMapping.INSTANCE).chain(history -> {
                ReviewState state = Review.DECIDER.fold(history.events());
                return store.received(found.view().requestId())
                        .map(received -> (Result) new Result.Built(assemble(found.view(), state, received)));
            });
        }));
    }

    private EvidencePack assemble(ReviewView view, ReviewState state, List<ReviewStore.Received> received) {
        GrantId grantId = new GrantId(view.grantId());
        List<UpstreamFact> facts = received.stream().map(ReviewStore.Received::fact).toList();
        Map<UpstreamFact, String> eventIds = new IdentityHashMap<>();
        received.forEach(r -> eventIds.put(r.fact(), r.eventId()));
        ReviewEvidence evidence = ReviewEvidence.of(facts, grantId);

        var r = evidence.requested();
        RequestPart request = r == null ? null : new RequestPart(eventIds.get(r), r.requestId().value(),
                r.emergency(), r.requester(), evidence.beneficiary(), r.system(), r.role(), r.justification(),
                r.incident(), r.scope());
        List<ApprovalPart> approvals = evidence.approvals().stream().map(a -> new ApprovalPart(eventIds.get(a),
                a.mode(), a.approvers(), a.decisions().stream().map(d -> new DecisionPart(d.approver(), d.at(),
                        d.mfaMethods(), d.mfaAuthTime())).toList())).toList();
        var g = evidence.granted();
        GrantPart grant = g == null ? null : new GrantPart(eventIds.get(g), g.grantId().value(), g.system(),
                g.role(), g.account(), g.grantedAt(), g.expiresAt(),
                g.grantedAt() == null || g.expiresAt() == null ? null
                        : Duration.between(g.grantedAt(), g.expiresAt()).toString());
        Actions actions = new Actions(actions(evidence, ActionChannel.GATEWAY, eventIds),
                actions(evidence, ActionChannel.AGENT, eventIds), actions(evidence, ActionChannel.SELF_REPORTED,
                        eventIds));
        var e = evidence.ended();
        RevocationPart revocation = e == null ? null : new RevocationPart(eventIds.get(e), e.reason(),
                e.revokedAt(), e.sessionsTerminated(), e.confirmed());
        var a = state.attestation();
        AttestationPart attestation = a == null ? null : new AttestationPart(a.by(), a.statement(), a.at());
        return new EvidencePack(EvidencePack.FORMAT, clock.instant(), view, request, approvals, grant, actions,
                revocation, attestation, ReviewFindings.of(evidence), LedgerProofs.Ledger.unavailable("not fetched"));
    }

    private static List<ActionPart> actions(ReviewEvidence evidence, ActionChannel channel,
            Map<UpstreamFact, String> eventIds) {
        List<ActionPart> parts = new ArrayList<>();
        for (UpstreamFact.Action action : evidence.actions(channel)) {
            parts.add(new ActionPart(eventIds.get(action), action.sessionId(), action.action(), action.object(),
                    action.at(), action.reportedBy(), action.kind(), action.statement()));
        }
        return parts;
    }

    private static EvidencePack withLedger(EvidencePack pack, LedgerProofs.Ledger ledger) {
        return new EvidencePack(pack.format(), pack.generatedAt(), pack.review(), pack.request(), pack.approvals(),
                pack.grant(), pack.actions(), pack.revocation(), pack.attestation(), pack.findings(), ledger);
    }

}
