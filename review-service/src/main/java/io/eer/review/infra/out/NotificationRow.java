package io.eer.review.infra.out;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A reviewer notification waiting to be posted (or posted, or given up with its last error). */
@Entity
@Table(name = "review_notification")
public class NotificationRow extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "review_id", nullable = false)
    public String reviewId;
    @Column(nullable = false)
    public String kind;
    @Column(nullable = false, columnDefinition = "text")
    public String payload;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;
    public int attempts;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    @Column(name = "failed_at")
    public Instant failedAt;
    @Column(name = "last_error")
    public String lastError;
}
