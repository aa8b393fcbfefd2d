package io.eer.audit.insight.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How far the projections have applied the ledger, and whether a rebuild is replaying it; locked FOR UPDATE by the
 * projector and by a rebuild.
 */
@Entity
@Table(name = "projection_position")
public class ProjectionPositionRow extends PanacheEntityBase {
    public static final String PROJECTIONS = "projections";

    @Id
    public String name;
    @Column(name = "next_index", nullable = false)
    public long nextIndex;
    /** Set while a rebuild replays entries below it (rules not evaluated again); null when live. */
    @Column(name = "replay_until")
    public Long replayUntil;
}
