package io.eer.approval.projection;

import io.eer.approval.domain.ApprovalStatus;
import io.eer.approval.domain.Decision;
import io.eer.approval.projection.ApprovalView.DecisionView;
import io.eer.approval.projection.ApprovalView.MfaEvidenceView;
import io.eer.approval.projection.ApprovalView.MfaView;
import io.eer.approval.projection.ApprovalView.PolicyView;
import io.eer.approval.domain.ApprovalMode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Queries on the approval projection; call inside a session. */
public final class ApprovalReadModel {

    private ApprovalReadModel() {
    }

    /**
     * Approvals in {@code statuses} that members of {@code groups} may see, newest first. With {@code pendingOnly}
     * only those {@code caller} may still decide: not their own (requester or beneficiary), not decided by them yet.
     */
    public static Uni<List<ApprovalView>> visibleTo(String caller, Set<String> groups, Collection<ApprovalStatus> statuses,
            boolean pendingOnly, int limit) {
        if (groups.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // a group sees the approval once its escalation level has been reached
        String query = "from ApprovalRow a where a.status in ?1 and exists (select g.id from ApproverGroupRow g"
                + " where g.requestId = a.requestId and g.level <= a.escalationLevel and g.groupName in ?2)";
        Uni<List<ApprovalRow>> rows;
        if (pendingOnly) {
            rows = ApprovalRow.<ApprovalRow>find(query + " and a.requester <> ?3 and a.beneficiary <> ?3"
                            + " and a.requestId not in (select d.requestId from DecisionRow d where d.approver = ?3)"
                            + " order by a.requestedAt desc, a.requestId", List.copyOf(statuses), List.copyOf(groups),
                            caller)
                    .page(0, limit).list();
        } else {
            rows = ApprovalRow.<ApprovalRow>find(query + " order by a.requestedAt desc, a.requestId",
                            List.copyOf(statuses), List.copyOf(groups))
                    .page(0, limit).list();
        }
        return rows.chain(ApprovalReadModel::views);
    }

    /** One approval, if members of {@code groups} may see it (a group reached so far; any status). */
    public static Uni<Optional<ApprovalView>> visibleOne(String requestId, Set<String> groups) {
        if (groups.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return ApprovalRow.<ApprovalRow>find("from ApprovalRow a where a.requestId = ?1 and exists (select g.id from"
                        + " ApproverGroupRow g where g.requestId = a.requestId and g.level <= a.escalationLevel"
                        + " and g.groupName in ?2)", requestId, List.copyOf(groups))
                .firstResult()
                .chain(row -> row == null ? Uni.createFrom().item(Optional.<ApprovalView>empty())
                        : view(row).map(Optional::of));
    }

    public static Uni<ApprovalView> view(ApprovalRow row) {
        return views(List.of(row)).map(views -> views.get(0));
    }

    static Uni<List<ApprovalView>> views(List<ApprovalRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = rows.stream().map(row -> row.requestId).toList();
        return ApproverGroupRow.<ApproverGroupRow>list("requestId in ?1 order by level, id", ids)
                .chain(groups -> DecisionRow.<DecisionRow>list("requestId in ?1 order by decidedAt, id", ids)
                        .map(decisions -> assemble(rows, groups, decisions)));
    }

    private static List<ApprovalView> assemble(List<ApprovalRow> rows, List<ApproverGroupRow> groups,
            List<DecisionRow> decisions) {
        Map<String, List<ApproverGroupRow>> groupsById = groups.stream()
                .collect(Collectors.groupingBy(g -> g.requestId));
        Map<String, List<DecisionRow>> decisionsById = decisions.stream()
                .collect(Collectors.groupingBy(d -> d.requestId));
        return rows.stream().map(row -> toView(row, groupsById.getOrDefault(row.requestId, List.of()),
                decisionsById.getOrDefault(row.requestId, List.of()))).toList();
    }

    private static ApprovalView toView(ApprovalRow row, List<ApproverGroupRow> groups, List<DecisionRow> decisions) {
        List<String> approverGroups = groups.stream().filter(g -> g.level == 0).map(g -> g.groupName).toList();
        List<String> escalation = groups.stream().filter(g -> g.level > 0).map(g -> g.groupName).toList();
        boolean expedited = ApprovalMode.EXPEDITED.name().equals(row.mode);
        return new ApprovalView(row.requestId, row.status.name(), row.requester, row.beneficiary, row.system, row.role,
                row.kind, row.justification, row.incident, row.requestedDuration, row.mode, approverGroups, row.quorum,
                approvals(row, decisions),
                decisions.stream().map(ApprovalReadModel::decisionView).toList(),
                new PolicyView(row.policyId, row.policyVersion), row.requestedAt, row.closedAt,
                row.distinctGroups ? Boolean.TRUE : null,
                escalation.isEmpty() ? null : escalation,
                expedited ? row.escalationLevel : null,
                row.decisionDeadline, row.validUntil,
                row.approverMfa ? new MfaView(row.mfaMethods, row.mfaMaxAge) : null);
    }

    private static DecisionView decisionView(DecisionRow d) {
        return new DecisionView(d.approver, d.decision.name(), d.comment, d.decidedAt,
                d.groups == null || d.groups.isEmpty() ? null : d.groups,
                d.mfaRecorded ? new MfaEvidenceView(d.mfaMethods, d.mfaAuthTime) : null);
    }

    /** Who approved so far; a break-glass request is approved by its policy ({@code policy:<id>@<version>}). */
    private static List<String> approvals(ApprovalRow row, List<DecisionRow> decisions) {
        if (row.status == ApprovalStatus.APPROVED && ApprovalMode.PRE_APPROVED.name().equals(row.mode)) {
            return List.of("policy:" + row.policyId + "@" + row.policyVersion);
        }
        return decisions.stream().filter(d -> d.decision == Decision.APPROVE).map(d -> d.approver).toList();
    }

    /**
     * The next timer deadline (the earlier of decision deadline and validity) of each pending approval whose next
     * deadline is at or before {@code until}, earliest first, at most {@code limit}: what the in-memory wake-ups arm.
     */
    public static Uni<List<Instant>> pendingDeadlinesUntil(Instant until, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select least(coalesce("
                        + "decision_deadline, valid_until), coalesce(valid_until, decision_deadline)) as due from approval"
                        + " where status = 'PENDING' and (decision_deadline <= ?1 or valid_until <= ?1) order by due",
                        Instant.class)
                .setParameter(1, until).setMaxResults(limit).getResultList());
    }
}
