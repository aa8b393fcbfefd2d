package io.eer.audit.ledger.infra.out;

import io.eer.ledger.format.SequenceGap;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** {@code sequence_gap}: numbers {@code first..last} of a producer the ledger lacks. */
@Entity
@Table(name = "sequence_gap")
public class SequenceGapRow extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false)
    public String producer;
    @Column(name = "first_missing", nullable = false)
    public long firstMissing;
    @Column(name = "last_missing", nullable = false)
    public long lastMissing;
    @Column(name = "open_since", nullable = false)
    public Instant openSince;
    @Column(nullable = false)
    public boolean alerted;

    public SequenceGap toDomain() {
        return new SequenceGap(producer, firstMissing, lastMissing, openSince, alerted);
    }

    static SequenceGapRow of(SequenceGap gap) {
        SequenceGapRow row = new SequenceGapRow();
        row.producer = gap.producer();
        row.firstMissing = gap.first();
        row.lastMissing = gap.last();
        row.openSince = gap.openSince();
        row.alerted = gap.alerted();
        return row;
    }
}
