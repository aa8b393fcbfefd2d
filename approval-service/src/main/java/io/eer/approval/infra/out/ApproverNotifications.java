package io.eer.approval.infra.out;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.approval.config.ApprovalSettings;
import io.eer.approval.domain.ApprovalCase;
import io.eer.approval.domain.ApprovalEscalated;
import io.eer.approval.domain.Outcome;
import io.eer.support.notify.NotificationQueue;
import io.eer.support.notify.NotificationWebhook;
import io.eer.support.poll.DueWork;
import io.eer.support.webhook.SlackText;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Queues webhook notifications on service-support's {@link NotificationQueue} (table {@value #TABLE}), in the
 * caller's transaction (so a notification exists exactly when its cause committed); {@link #delivery} is what the
 * poller runs to post them. For approvers: a request waits, escalated, break-glass notice; for the requester: the
 * outcome (approved, denied, timed out) and, after an approval, a grant that failed (grant-service's
 * {@code GrantFailed}). The
 * body is Slack-compatible: {@code text} (fallback) and {@code blocks} (a section and, for approvers, a "Decide"
 * button linking to {@code <public-url>/v1/approvals/<requestId>}, which {@code GET /v1/approvals/{requestId}}
 * answers for them), plus {@code eer} ({@code kind}, {@code requestId}, {@code audience} APPROVERS or REQUESTER, and
 * the {@code groups} or {@code user} to tell) for a receiver that routes. Every value that comes from a request
 * (requester, system, role, incident, groups, reasons) is escaped with {@link SlackText}, so a hostile value cannot
 * ping {@code @channel} or forge a link. Nothing is queued without a URL.
 */
@ApplicationScoped
public class ApproverNotifications {

    public static final String WAITING = "APPROVAL_WAITING";
    public static final String ESCALATED = "APPROVAL_ESCALATED";
    public static final String BREAK_GLASS = "BREAK_GLASS";
    public static final String REQUEST_APPROVED = "REQUEST_APPROVED";
    public static final String REQUEST_DENIED = "REQUEST_DENIED";
    public static final String REQUEST_TIMED_OUT = "REQUEST_TIMED_OUT";
    public static final String GRANT_FAILED = "GRANT_FAILED";
    /** The queue's table (V10; its {@code claim_key} dropped by V13: the queue claims by {@code id}). */
    public static final String TABLE = "approval_notification";

    private final ApprovalSettings settings;
    private final ObjectMapper json;
    private final Clock clock;
    private final NotificationQueue queue;

    ApproverNotifications(ApprovalSettings settings, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        ApprovalSettings.Webhook webhook = settings.webhook();
        this.queue = new NotificationQueue(new NotificationQueue.Table(TABLE, "request_id"),
                new NotificationQueue.Retry(webhook.backoff(), webhook.maxBackoff(), webhook.maxAttempts()), clock);
    }

    /**
     * What the poller (job {@code name}) runs to post the queue; empty when nothing may be posted (no URL, or no secret
     * for it: an ERROR at start, notifications stay queued, decisions are unaffected). Call once, at start.
     */
    public Optional<DueWork> delivery(String name) {
        ApprovalSettings.Webhook webhook = settings.webhook();
        // quick retries within one delivery; the queue backs off longer between deliveries
        Duration quick = webhook.backoff().compareTo(Duration.ofSeconds(1)) < 0 ? webhook.backoff()
                : Duration.ofSeconds(1);
        return NotificationWebhook.sender("approver webhook", webhook.url(), webhook.secret(),
                        webhook.allowUnsigned(), webhook.timeout(), webhook.attemptsPerPost(), quick, clock)
                .map(sender -> queue.delivery(name, webhook.pollInterval(), sender));
    }

    /** A request now waits for a decision from its approver groups. */
    public Uni<Void> waiting(ApprovalCase c, Instant deadline) {
        Text text = new Text().plain("Approval needed from ").mention(c.approverGroups()).plain(": ")
                .value(c.requester()).plain(" asks ").access(c).plain(" (" + c.mode() + quorum(c) + ")")
                .plain(deadline == null ? "" : "; decide before " + deadline);
        return queue(c, WAITING, text, approvers(c.approverGroups()), Link.DECIDE);
    }

    /** Nobody decided in time: the next group in the chain is asked. */
    public Uni<Void> escalated(ApprovalCase c, ApprovalEscalated escalated) {
        Text text = new Text().plain("Escalated (level " + escalated.level() + ") from ").value(escalated.fromGroup())
                .plain(" to ").mention(List.of(escalated.toGroup())).plain(": ").value(c.requester()).plain(" asks ")
                .access(c).plain("; decide before " + escalated.deadline());
        return queue(c, ESCALATED, text, approvers(List.of(escalated.toGroup())), Link.DECIDE);
    }

    /** A break-glass request was approved by policy at once: a notice for the SOC and the approvers. */
    public Uni<Void> breakGlass(ApprovalCase c) {
        Text text = new Text().plain("BREAK-GLASS: ").value(c.requester()).plain(" was granted ").access(c)
                .plain(" at once under incident ").value(c.incident()).plain(" (policy ").value(c.policyApprover())
                .plain("); mandatory post-access review follows");
        return queue(c, BREAK_GLASS, text, approvers(c.approverGroups()), Link.VIEW);
    }

    /**
     * The requester is told how their request ended. No link: the approval view is for approvers (the requester
     * would get 404); the request id is in the text and in {@code eer.requestId}.
     */
    public Uni<Void> outcome(ApprovalCase c, Outcome outcome) {
        Text text = new Text().plain("Your request ").value(c.requestId()).plain(" (").value(c.requester())
                .plain(" asks ").access(c).plain(") ");
        String kind;
        if (outcome instanceof Outcome.Approved approved) {
            kind = REQUEST_APPROVED;
            text.plain("was APPROVED by ").value(String.join(", ", approved.approvers()))
                    .plain("; the access is granted for " + approved.grantedDuration() + " from when it is provisioned");
        } else if (outcome instanceof Outcome.Denied denied) {
            kind = REQUEST_DENIED;
            text.plain("was DENIED by ").value(denied.approver()).plain(": ").value(denied.reason());
        } else {
            Outcome.ApprovalTimedOut timedOut = (Outcome.ApprovalTimedOut) outcome;
            kind = REQUEST_TIMED_OUT;
            // the groups named, not mentioned: this notice is for the requester, not a call on the approvers
            text.plain("TIMED OUT undecided (" + timedOut.reason() + "; asked ")
                    .value(String.join(", ", timedOut.escalationPath())).plain("); request again if you still need it");
        }
        return queue(c, kind, text, Map.of("audience", "REQUESTER", "user", c.requester()), Link.NONE);
    }

    /**
     * The requester is told that their approved access could not be granted ({@code GrantFailed}): on which system,
     * and grant-service's error (never a secret; escaped like every value). No link, as for every outcome.
     */
    public Uni<Void> grantFailed(ApprovalCase c, String system, String error) {
        Text text = new Text().plain("Your request ").value(c.requestId()).plain(" (").value(c.requester())
                .plain(" asks ").access(c).plain(") was approved, but the access could NOT be granted on ")
                .value(system).plain(": ").value(error).plain("; nothing was provisioned, request again or ask the SOC");
        return queue(c, GRANT_FAILED, text, Map.of("audience", "REQUESTER", "user", c.requester()), Link.NONE);
    }

    /** What a notification links to: the approval view with a "Decide" button, the view alone, or nothing. */
    private enum Link { DECIDE, VIEW, NONE }

    private static Map<String, Object> approvers(List<String> groups) {
        return Map.of("audience", "APPROVERS", "groups", groups);
    }

    private Uni<Void> queue(ApprovalCase c, String kind, Text text, Map<String, Object> to, Link link) {
        if (settings.webhook().url().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return queue.enqueue(c.requestId(), kind, payload(c, kind, text, to, link));
    }

    /** The decision link: {@code GET /v1/approvals/{requestId}} on this service. */
    public String link(String requestId) {
        String base = settings.publicUrl().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/approvals/"
                + java.net.URLEncoder.encode(requestId, java.nio.charset.StandardCharsets.UTF_8);
    }

    private String payload(ApprovalCase c, String kind, Text text, Map<String, Object> to, Link link) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (link == Link.NONE) {
            body.put("text", text.mrkdwn);
            body.put("blocks", List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text.mrkdwn))));
        } else {
            String url = link(c.requestId());
            // the fallback text is shown as plain text by Slack, but it may still notify: escaped as well where user-made
            body.put("text", text.mrkdwn + " " + url);
            Map<String, Object> section = Map.of("type", "section", "text", Map.of("type", "mrkdwn",
                    "text", text.mrkdwn + "\n<" + url + "|Request " + SlackText.escape(c.requestId()) + ">"));
            if (link == Link.DECIDE) {
                Map<String, Object> button = Map.of("type", "button", "text",
                        Map.of("type", "plain_text", "text", "Decide"), "url", url);
                body.put("blocks", List.of(section, Map.of("type", "actions", "elements", List.of(button))));
            } else {
                body.put("blocks", List.of(section));
            }
        }
        Map<String, Object> eer = new LinkedHashMap<>();
        eer.put("kind", kind);
        eer.put("requestId", c.requestId());
        eer.putAll(new java.util.TreeMap<>(to));
        body.put("eer", eer);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a notification", e);
        }
    }

    private static String quorum(ApprovalCase c) {
        return c.quorum() > 1 ? ", " + c.quorum() + " approvals" + (c.distinctGroups() ? " from distinct groups" : "")
                : "";
    }

    /** Notification text: our own words as they are, every value from a request escaped for Slack. */
    private static final class Text {
        private final StringBuilder out = new StringBuilder();
        private String mrkdwn;

        Text plain(String s) {
            out.append(s);
            mrkdwn = out.toString();
            return this;
        }

        Text value(String s) {
            return plain(SlackText.escape(s));
        }

        /** Group mentions are ours on purpose ({@code @secops}); the group name itself is escaped. */
        Text mention(List<String> groups) {
            return plain(String.join(", ", groups.stream().map(g -> "@" + SlackText.escape(g)).toList()));
        }

        Text access(ApprovalCase c) {
            value(c.role()).plain(" on ").value(c.system());
            if (!c.beneficiary().equals(c.requester())) {
                plain(" for ").value(c.beneficiary());
            }
            return plain(" for " + c.grantedDuration());
        }
    }
}
