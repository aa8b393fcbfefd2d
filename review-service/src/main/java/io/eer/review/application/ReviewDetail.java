package io.eer.review.application;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.eer.review.application.EvidencePack.ActionPart;
import io.eer.review.application.EvidencePack.ApprovalPart;
import io.eer.review.application.EvidencePack.GrantPart;
import io.eer.review.application.EvidencePack.RevocationPart;
import io.eer.review.domain.ActionChannel;
import io.eer.review.domain.UpstreamFact;
import io.eer.review.projection.ReviewView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One review as {@code GET /v1/reviews/{id}} shows it: the review's fields (as in lists) and what it rests on, taken
 * from the evidence pack as {@link BuildEvidencePack#evidence} assembles it (no ledger proofs here): the approvals
 * with their MFA evidence, the grant window, every recorded action oldest first with who recorded it, and the
 * revocation receipt. Parts not received are null (grant, revocation) or empty.
 */
public record ReviewDetail(
        @JsonUnwrapped ReviewView review,
        List<ApprovalPart> approvals,
        GrantPart grant,
        List<ReviewAction> actions,
        RevocationPart revocation) {

    public static final String GATEWAY = "gateway";
    public static final String AGENT = "agent";
    public static final String SELF_REPORTED = "self-reported";

    /**
     * One recorded action. {@code source}: {@code gateway} (seen on the wire), {@code agent} (a session agent
     * reported it) or {@code self-reported} (the beneficiary did); {@code objects}: the names the gateway parsed from
     * the statement, or a reported action's object text; {@code kind} and {@code statement}: the gateway's label and
     * text (truncated, literals redacted, as it recorded them; null on reported actions); {@code reportedBy}: the
     * event's own source label.
     */
    public record ReviewAction(String eventId, Instant at, String source, String sessionId, String action,
            String kind, List<String> objects, String statement, String reportedBy) {
    }

    public static ReviewDetail of(EvidencePack pack) {
        List<ReviewAction> actions = new ArrayList<>();
        add(actions, pack.actions().gateway(), ActionChannel.GATEWAY, GATEWAY);
        add(actions, pack.actions().agent(), ActionChannel.AGENT, AGENT);
        add(actions, pack.actions().selfReported(), ActionChannel.SELF_REPORTED, SELF_REPORTED);
        actions.sort(Comparator.comparing(ReviewAction::at, Comparator.nullsLast(Comparator.naturalOrder())));
        return new ReviewDetail(pack.review(), pack.approvals(), pack.grant(), List.copyOf(actions),
                pack.revocation());
    }

    private static void add(List<ReviewAction> into, List<ActionPart> parts, ActionChannel channel, String source) {
        for (ActionPart a : parts) {
            // the same reading of "objects" as the findings'
            into.add(new ReviewAction(a.eventId(), a.at(), source, a.sessionId(), a.action(), a.kind(),
                    UpstreamFact.Action.objects(channel, a.object()), a.statement(), a.reportedBy()));
        }
    }
}
