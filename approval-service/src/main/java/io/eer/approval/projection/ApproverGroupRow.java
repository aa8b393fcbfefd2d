package io.eer.approval.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A group whose members may decide on a request (one row per group). */
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

    public static ApproverGroupRow of(String requestId, String groupName) {
        ApproverGroupRow row = new ApproverGroupRow();
        row.requestId = requestId;
        row.groupName = groupName;
        return row;
    }
}
