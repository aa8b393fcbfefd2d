package io.eer.review.infra.out;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An upstream event a review is built from, kept as received (canonical CloudEvent JSON). */
@Entity
@Table(name = "review_input")
public class ReceivedEvent extends PanacheEntityBase {
    @Id
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "request_id", nullable = false)
    public String requestId;
    @Column(nullable = false)
    public String type;
    @Column(nullable = false, columnDefinition = "text")
    public String payload;
    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
