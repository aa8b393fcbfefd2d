package io.eer.audit.insight.application;

import io.eer.audit.insight.infra.out.AlertNotifications;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.audit.insight.application.AlertRules.Alert;
import io.eer.contracts.Topics;
import io.eer.contracts.events.AlertRaised;
import io.eer.support.outbox.EventStore;
import io.eer.support.time.Ids;
import io.eer.support.webhook.SlackText;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Raises alerts in the caller's transaction: records each (rule, key) once in {@code alert_fired}, appends
 * {@code AlertRaised} to the outbox for {@code eer.alerts}, and queues the webhook POST when a URL is configured.
 * Nothing here waits for Kafka or the webhook.
 */
@ApplicationScoped
public class AlertDispatcher {

    private static final Logger LOG = Logger.getLogger(AlertDispatcher.class);

    private final EventStore eventStore;
    private final Ids ids;
    private final Clock clock;
    private final AlertNotifications webhook;

    AlertDispatcher(EventStore eventStore, Ids ids, Clock clock, AlertNotifications webhook) {
        this.eventStore = eventStore;
        this.ids = ids;
        this.clock = clock;
        this.webhook = webhook;
    }

    public Uni<Void> raise(List<Alert> alerts) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Alert alert : alerts) {
            done = done.chain(() -> raise(alert));
        }
        return done;
    }

    private Uni<Void> raise(Alert alert) {
        String alertId = ids.next();
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into alert_fired (rule, alert_key, alert_id, request_id, severity, trigger_ref, detail, raised_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict (rule, alert_key) do nothing""")
                .setParameter(1, alert.rule())
                .setParameter(2, alert.key())
                .setParameter(3, alertId)
                .setParameter(4, alert.requestId())
                .setParameter(5, alert.severity().name())
                .setParameter(6, alert.trigger())
                .setParameter(7, alert.detail())
                .setParameter(8, clock.instant())
                .executeUpdate())
                .chain(inserted -> {
                    if (inserted == 0) {
                        return Uni.createFrom().voidItem(); // raised before
                    }
                    LOG.infof("alert %s %s %s: %s", alert.severity(), alert.rule(), alertId, alert.detail());
                    AlertRaised event = new AlertRaised(alertId, alert.requestId(), alert.rule(), alert.severity(),
                            alert.trigger(), alert.detail());
                    Uni<Void> published = eventStore.append("alert-" + alertId, 0, Topics.ALERTS, event)
                            .replaceWithVoid();
                    return !webhook.enabled() ? published
                            : published.chain(() -> webhook.enqueue(alertId, slackMessage(alertId, alert)));
                });
    }

    /**
     * A Slack incoming-webhook message: {@code text} (the fallback every client shows) and one section block. Every
     * value is escaped for mrkdwn ({@link SlackText}): the detail quotes what users typed (session actions, ids), which
     * must not mention {@code @here}, post links or break out of a code span in the SOC channel. {@code verbatim}
     * and {@code parse: none} keep Slack from linking anything on its own.
     */
    static String slackMessage(String alertId, Alert alert) {
        String rule = SlackText.escape(alert.rule());
        String detail = SlackText.escape(alert.detail());
        String requestId = SlackText.escape(alert.requestId());
        String trigger = SlackText.escape(alert.trigger());
        String id = SlackText.escape(alertId);
        String text = "[%s] %s: %s (request %s, %s, alert %s)".formatted(alert.severity(), rule, detail, requestId,
                trigger, id);
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.put("text", text);
        message.put("parse", "none");
        message.put("link_names", false);
        message.put("unfurl_links", false);
        message.put("unfurl_media", false);
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("verbatim", true).put("text",
                "*EER alert* `%s` (%s)\n%s".formatted(rule, alert.severity(), detail));
        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("verbatim", true).put("text",
                "request `%s` · %s · alert `%s`".formatted(requestId, trigger, id));
        return message.toString();
    }
}
