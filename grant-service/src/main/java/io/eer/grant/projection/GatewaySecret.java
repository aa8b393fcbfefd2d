package io.eer.grant.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A one-time secret for the session gateway, by its SHA-256 (V27__gateway_secret.sql). */
@Entity
@Table(name = "gateway_secret")
public class GatewaySecret extends PanacheEntityBase {

    @Id
    @Column(name = "secret_hash")
    public String secretHash;
    @Column(name = "grant_id")
    public String grantId;
    @Column(name = "issued_to")
    public String issuedTo;
    @Column(name = "issued_at")
    public Instant issuedAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "redeemed_at")
    public Instant redeemedAt;
    @Column(name = "redeemed_by")
    public String redeemedBy;
}
