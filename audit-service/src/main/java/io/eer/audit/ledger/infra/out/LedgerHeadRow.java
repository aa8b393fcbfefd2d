package io.eer.audit.ledger.infra.out;

import io.eer.ledger.format.LedgerHead;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The single {@code ledger_head} row (id 1): size and chain head, locked FOR UPDATE by each append. */
@Entity
@Table(name = "ledger_head")
public class LedgerHeadRow extends PanacheEntityBase {
    public static final short ID = 1;

    @Id
    public Short id;
    @Column(nullable = false)
    public long size;
    @Column(name = "chain_head", nullable = false)
    public byte[] chainHead;

    public LedgerHead toDomain() {
        return new LedgerHead(size, chainHead);
    }
}
