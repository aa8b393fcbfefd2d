package io.eer.support.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An event committed with its cause and not yet (or already) published to Kafka. */
@Entity
@Table(name = "outbox")
public class OutboxMessage extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "event_id", nullable = false)
    public String eventId;
    @Column(nullable = false)
    public String topic;
    @Column(name = "record_key", nullable = false)
    public String recordKey;
    @Column(nullable = false, columnDefinition = "text")
    public String payload;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "published_at")
    public Instant publishedAt;
    /** The producer's gap-free number (V0_2); null on rows written before, and on checkpoint records. */
    @Column(name = "sequence")
    public Long sequence;
}
