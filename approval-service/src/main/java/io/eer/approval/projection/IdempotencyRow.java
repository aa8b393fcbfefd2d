package io.eer.approval.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The first successful answer to a decision sent with an {@code Idempotency-Key}, per caller and key. */
@Entity
@Table(name = "approval_idempotency")
@IdClass(IdempotencyRow.Key.class)
public class IdempotencyRow extends PanacheEntityBase {
    @Id
    public String caller;
    @Id
    @Column(name = "idem_key")
    public String idemKey;
    /** SHA-256 over the request id, decision and comment: what "the same body" means. */
    @Column(name = "request_hash")
    public String requestHash;
    @Column(name = "request_id")
    public String requestId;
    public int status;
    /** The JSON body answered the first time. */
    public String response;
    @Column(name = "created_at")
    public Instant createdAt;

    public static class Key implements Serializable {
        public String caller;
        public String idemKey;

        public Key() {
        }

        public Key(String caller, String idemKey) {
            this.caller = caller;
            this.idemKey = idemKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(caller, k.caller) && Objects.equals(idemKey, k.idemKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(caller, idemKey);
        }
    }
}
