package io.eer.audit.insight.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A requester's refusals since their last approval (for the repeated-refusals rule). */
@Entity
@Table(name = "proj_requester")
public class RequesterView extends PanacheEntityBase {
    @Id
    public String requester;
    @Column(name = "refusals_in_a_row", nullable = false)
    public int refusalsInARow;
    @Column(name = "last_refusal_index")
    public Long lastRefusalIndex;
}
