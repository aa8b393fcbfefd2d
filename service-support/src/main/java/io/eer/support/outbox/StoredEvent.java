package io.eer.support.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of a service's own event log: an aggregate's decisions, in version order. */
@Entity
@Table(name = "domain_event")
public class StoredEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "aggregate_id", nullable = false)
    public String aggregateId;
    @Column(nullable = false)
    public long version;
    @Column(name = "event_id", nullable = false, unique = true)
    public String eventId;
    @Column(nullable = false)
    public String type;
    @Column(nullable = false, columnDefinition = "text")
    public String payload;
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
    /** The producer's gap-free number (V0_2); null on rows written before, and on checkpoint records. */
    @Column(name = "sequence")
    public Long sequence;
}
