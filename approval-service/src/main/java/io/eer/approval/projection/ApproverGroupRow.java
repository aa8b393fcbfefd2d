package io.eer.approval.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A group whose members may decide on a request once its escalation level is reached (one row per group and level). */
@Entity
@Table(name = "approval_group")
public class ApproverGroupRow extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "request_id")
    public String requestId;
    @Column(name = "group_name")
    public String groupName;
    /** 0: an approver group; k: the k-th escalation group. */
    public int level;

    public static ApproverGroupRow of(String requestId, String groupName, int level) {
        ApproverGroupRow row = new ApproverGroupRow();
        row.requestId = requestId;
        row.groupName = groupName;
        row.level = level;
        return row;
    }
}
