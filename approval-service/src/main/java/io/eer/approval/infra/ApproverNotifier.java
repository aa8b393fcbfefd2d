package io.eer.approval.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.approval.domain.ApprovalCase;
import io.eer.approval.projection.NotificationRow;
import io.eer.contracts.events.ApprovalEscalated;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Queues approver notifications for the webhook, in the caller's transaction (so a notification exists exactly when
 * its cause committed); {@link WebhookDelivery} posts them. The body is Slack-compatible: {@code text} (fallback) and
 * {@code blocks} (a section and a "Decide" button linking to {@code <public-url>/v1/approvals/<requestId>}).
 * Nothing is queued when no webhook URL is configured.
 */
@ApplicationScoped
public class ApproverNotifier {

    public static final String WAITING = "APPROVAL_WAITING";
    public static final String ESCALATED = "APPROVAL_ESCALATED";
    public static final String BREAK_GLASS = "BREAK_GLASS";

    private final ApprovalSettings settings;
    private final ObjectMapper json;
    private final Clock clock;

    ApproverNotifier(ApprovalSettings settings, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /** A request now waits for a decision from {@code groups}. */
    public Uni<Void> waiting(ApprovalCase c, Instant deadline) {
        String text = "Approval needed from " + mention(c.approverGroups()) + ": " + c.requester()
                + " asks " + access(c) + " (" + c.mode() + quorum(c) + ")"
                + (deadline == null ? "" : "; decide before " + deadline);
        return queue(c, WAITING, text, true);
    }

    /** Nobody decided in time: the next group in the chain is asked. */
    public Uni<Void> escalated(ApprovalCase c, ApprovalEscalated escalated) {
        String text = "Escalated (level " + escalated.level() + ") from " + escalated.fromGroup() + " to "
                + mention(List.of(escalated.toGroup())) + ": " + c.requester() + " asks " + access(c)
                + "; decide before " + escalated.deadline();
        return queue(c, ESCALATED, text, true);
    }

    /** A break-glass request was approved by policy at once: a notice for the SOC and the approvers. */
    public Uni<Void> breakGlass(ApprovalCase c) {
        String text = "BREAK-GLASS: " + c.requester() + " was granted " + access(c) + " at once under incident "
                + c.incident() + " (policy " + c.policyApprover() + "); mandatory post-access review follows";
        return queue(c, BREAK_GLASS, text, false);
    }

    private Uni<Void> queue(ApprovalCase c, String kind, String text, boolean decide) {
        if (settings.webhook().url().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        NotificationRow row = new NotificationRow();
        row.requestId = c.requestId();
        row.kind = kind;
        row.payload = payload(c, text, decide);
        row.attempts = 0;
        row.nextAttemptAt = now;
        row.createdAt = now;
        return row.persist().replaceWithVoid();
    }

    String link(String requestId) {
        String base = settings.publicUrl().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/approvals/" + requestId;
    }

    private String payload(ApprovalCase c, String text, boolean decide) {
        String link = link(c.requestId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text + " " + link);
        Map<String, Object> section = Map.of("type", "section",
                "text", Map.of("type", "mrkdwn", "text", escape(text) + "\n<" + link + "|Request " + c.requestId() + ">"));
        if (decide) {
            Map<String, Object> button = Map.of("type", "button", "text", Map.of("type", "plain_text", "text", "Decide"),
                    "url", link);
            body.put("blocks", List.of(section, Map.of("type", "actions", "elements", List.of(button))));
        } else {
            body.put("blocks", List.of(section));
        }
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a notification", e);
        }
    }

    private static String access(ApprovalCase c) {
        String who = c.beneficiary().equals(c.requester()) ? "" : " for " + c.beneficiary();
        return c.role() + " on " + c.system() + who + " for " + c.grantedDuration();
    }

    private static String quorum(ApprovalCase c) {
        return c.quorum() > 1 ? ", " + c.quorum() + " approvals" + (c.distinctGroups() ? " from distinct groups" : "")
                : "";
    }

    private static String mention(List<String> groups) {
        return String.join(", ", groups.stream().map(g -> "@" + g).toList());
    }

    /** Slack mrkdwn: &, < and > are control characters. */
    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
