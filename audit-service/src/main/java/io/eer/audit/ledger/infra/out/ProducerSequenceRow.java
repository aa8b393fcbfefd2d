package io.eer.audit.ledger.infra.out;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** {@code ledger_producer_sequence}: the highest sequence number of one producer in the ledger. */
@Entity
@Table(name = "ledger_producer_sequence")
public class ProducerSequenceRow extends PanacheEntityBase {
    @Id
    public String producer;
    @Column(nullable = false)
    public long highest;
    @Column(nullable = false)
    public long contiguous;
}
