package io.eer.review.projection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A group whose members may complete a review (one row per group), for the visibility filter. */
@Entity
@Table(name = "review_group")
public class ReviewGroupRow extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "review_id", nullable = false)
    public String reviewId;
    @Column(name = "group_name", nullable = false)
    public String groupName;

    public static ReviewGroupRow of(String reviewId, String groupName) {
        ReviewGroupRow row = new ReviewGroupRow();
        row.reviewId = reviewId;
        row.groupName = groupName;
        return row;
    }
}
