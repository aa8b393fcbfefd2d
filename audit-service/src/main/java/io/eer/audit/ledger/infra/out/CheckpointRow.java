package io.eer.audit.ledger.infra.out;

import io.eer.ledger.format.Checkpoint;
import io.eer.ledger.format.SignedCheckpoint;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of {@code ledger_checkpoint}. Inserted once, never updated (a trigger rejects UPDATE and DELETE). */
@Entity
@Table(name = "ledger_checkpoint")
public class CheckpointRow extends PanacheEntityBase {
    @Id
    public Long seq;
    @Column(nullable = false)
    public String origin;
    @Column(nullable = false)
    public long size;
    @Column(name = "chain_head", nullable = false)
    public byte[] chainHead;
    @Column(name = "merkle_root", nullable = false)
    public byte[] merkleRoot;
    @Column(name = "signed_at", nullable = false)
    public Instant signedAt;
    @Column(name = "key_id", nullable = false)
    public String keyId;
    @Column(nullable = false, columnDefinition = "text")
    public String body;
    @Column(nullable = false)
    public byte[] signature;

    public static CheckpointRow of(SignedCheckpoint signed) {
        Checkpoint checkpoint = signed.checkpoint();
        CheckpointRow row = new CheckpointRow();
        row.seq = signed.seq();
        row.origin = checkpoint.origin();
        row.size = checkpoint.size();
        row.chainHead = checkpoint.chainHead();
        row.merkleRoot = checkpoint.merkleRoot();
        row.signedAt = checkpoint.timestamp();
        row.keyId = checkpoint.keyId();
        row.body = signed.body();
        row.signature = signed.signature();
        return row;
    }

    public SignedCheckpoint toSigned() {
        return new SignedCheckpoint(seq, body, signature);
    }
}
