package io.eer.approval.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An approver notification waiting to be (or already) posted to the webhook. */
@Entity
@Table(name = "approval_notification")
public class NotificationRow extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "request_id")
    public String requestId;
    /** APPROVAL_WAITING, APPROVAL_ESCALATED or BREAK_GLASS. */
    public String kind;
    /** The Slack-compatible JSON body, as it will be posted. */
    public String payload;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    @Column(name = "failed_at")
    public Instant failedAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
}
