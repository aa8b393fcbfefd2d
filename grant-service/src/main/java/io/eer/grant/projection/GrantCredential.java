package io.eer.grant.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;

/** The issued secret, encrypted at rest, until it is fetched once or the grant ends. */
@Entity
@Table(name = "grant_credential")
public class GrantCredential extends PanacheEntityBase {

    public static final String WIPED_FETCHED = "FETCHED";
    public static final String WIPED_GRANT_ENDED = "GRANT_ENDED";

    @Id
    @Column(name = "grant_id")
    public String grantId;
    public byte[] nonce;
    public byte[] ciphertext;
    /** The credential key that sealed it; null for secrets sealed before key ids (key {@code default}). */
    @Column(name = "key_id")
    public String keyId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "fetched_at")
    public Instant fetchedAt;
    @Column(name = "wiped_at")
    public Instant wipedAt;
    @Column(name = "wipe_reason")
    public String wipeReason;

    public static Uni<GrantCredential> lockedById(String grantId) {
        return findById(grantId, LockModeType.PESSIMISTIC_WRITE);
    }

    public boolean present() {
        return ciphertext != null;
    }

    public void wipe(String reason, Instant at) {
        if (nonce != null) {
            java.util.Arrays.fill(nonce, (byte) 0);
        }
        if (ciphertext != null) {
            java.util.Arrays.fill(ciphertext, (byte) 0);
        }
        nonce = null;
        ciphertext = null;
        wipedAt = at;
        wipeReason = reason;
    }
}
