package io.eer.audit.ledger.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Which ledger entry belongs to which request (the CloudEvent subject), so a timeline reads only its own entries.
 * Written in the append transaction; derived from the ledger, so it can be rebuilt from it.
 */
@Entity
@Table(name = "ledger_subject")
public class LedgerSubjectRow extends PanacheEntityBase {
    @Id
    @Column(name = "ledger_index")
    public Long ledgerIndex;
    @Column(nullable = false)
    public String subject;
    @Column(nullable = false)
    public String type;

    public static LedgerSubjectRow of(long ledgerIndex, String subject, String type) {
        LedgerSubjectRow row = new LedgerSubjectRow();
        row.ledgerIndex = ledgerIndex;
        row.subject = subject;
        row.type = type;
        return row;
    }
}
