package io.eer.approval.projection;

import io.eer.approval.domain.Decision;
import io.eer.support.persistence.StringListConverter;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One approver's decision on a request, kept whether or not it concluded the approval. */
@Entity
@Table(name = "approval_decision")
public class DecisionRow extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "request_id")
    public String requestId;
    public String approver;
    @Enumerated(EnumType.STRING)
    public Decision decision;
    public String comment;
    @Column(name = "decided_at")
    public Instant decidedAt;
    /** The approver's groups as the token said. */
    @Convert(converter = StringListConverter.class)
    public List<String> groups;
    /** Whether MFA evidence was recorded (the plan asked for it); then {@link #mfaMethods} is that evidence. */
    @Column(name = "mfa_recorded")
    public boolean mfaRecorded;
    /** The MFA evidence's methods (an empty list when none was recorded). */
    @Convert(converter = StringListConverter.class)
    @Column(name = "mfa_methods")
    public List<String> mfaMethods;
    @Column(name = "mfa_auth_time")
    public Instant mfaAuthTime;
}
