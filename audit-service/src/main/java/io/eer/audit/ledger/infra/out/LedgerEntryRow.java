package io.eer.audit.ledger.infra.out;

import io.eer.ledger.format.LedgerEntry;
import io.eer.ledger.format.StoredEntry;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of {@code ledger_entry}. Inserted once, never updated (a trigger rejects UPDATE and DELETE). */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntryRow extends PanacheEntityBase {
    @Id
    @Column(name = "ledger_index")
    public Long ledgerIndex;
    @Column(name = "event_id", nullable = false, unique = true)
    public String eventId;
    @Column(nullable = false)
    public String topic;
    @Column(name = "kafka_partition", nullable = false)
    public int kafkaPartition;
    @Column(name = "kafka_offset", nullable = false)
    public long kafkaOffset;
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
    @Column(nullable = false)
    public byte[] received;
    @Column(name = "record_json", nullable = false, columnDefinition = "text")
    public String recordJson;
    @Column(nullable = false)
    public byte[] leaf;
    @Column(nullable = false)
    public byte[] chain;

    static LedgerEntryRow of(LedgerEntry entry, String eventId) {
        LedgerEntryRow row = new LedgerEntryRow();
        row.ledgerIndex = entry.index();
        row.eventId = eventId;
        row.topic = entry.record().topic();
        row.kafkaPartition = entry.record().partition();
        row.kafkaOffset = entry.record().offset();
        row.recordedAt = entry.record().recordedAt();
        row.received = entry.received();
        row.recordJson = entry.record().canonicalString();
        row.leaf = entry.leaf();
        row.chain = entry.chain();
        return row;
    }

    public StoredEntry toStored() {
        return new StoredEntry(ledgerIndex, recordedAt, topic, kafkaPartition, kafkaOffset, received, recordJson,
                leaf, chain);
    }
}
