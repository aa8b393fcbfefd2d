package io.eer.audit.insight.application.report;

import static io.eer.audit.insight.application.report.Control.CSF_DE_CM_03;
import static io.eer.audit.insight.application.report.Control.CSF_PR_AA_05;
import static io.eer.audit.insight.application.report.Control.HIPAA_AUDIT_CONTROLS;
import static io.eer.audit.insight.application.report.Control.HIPAA_EMERGENCY_ACCESS;
import static io.eer.audit.insight.application.report.Control.ISO_ACCESS_RIGHTS;
import static io.eer.audit.insight.application.report.Control.ISO_LOGGING;
import static io.eer.audit.insight.application.report.Control.ISO_PRIVILEGED_ACCESS;
import static io.eer.audit.insight.application.report.Control.NIST_AC_2_2;
import static io.eer.audit.insight.application.report.Control.NIST_AC_2_4;
import static io.eer.audit.insight.application.report.Control.NIST_AU_10;
import static io.eer.audit.insight.application.report.Control.NIST_AU_9;
import static io.eer.audit.insight.application.report.Control.SOX_AUTHORIZATION;
import static io.eer.audit.insight.application.report.Control.SOX_PRIVILEGED_MONITORING;
import static io.eer.audit.insight.application.report.Control.SOX_REMOVAL;
import static io.eer.audit.insight.application.report.Control.SOX_REVIEW;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** The columns of the access table, in order, each with the controls it evidences (in every framework). */
public enum Column {
    REQUEST_ID("request_id", "Request", AccessRow::requestId,
            HIPAA_AUDIT_CONTROLS, ISO_LOGGING, NIST_AU_10, CSF_DE_CM_03, SOX_PRIVILEGED_MONITORING),
    KIND("kind", "Kind", AccessRow::kind,
            HIPAA_EMERGENCY_ACCESS, ISO_PRIVILEGED_ACCESS, NIST_AC_2_2, CSF_PR_AA_05, SOX_AUTHORIZATION),
    REQUESTED_AT("requested_at", "Requested at", AccessRow::requestedAt,
            HIPAA_AUDIT_CONTROLS, ISO_LOGGING, NIST_AC_2_4, CSF_PR_AA_05, SOX_AUTHORIZATION),
    REQUESTER("requester", "Requester", AccessRow::requester,
            HIPAA_EMERGENCY_ACCESS, HIPAA_AUDIT_CONTROLS, ISO_ACCESS_RIGHTS, NIST_AU_10, NIST_AC_2_4, CSF_PR_AA_05,
            SOX_AUTHORIZATION),
    REQUESTER_TYPE("requester_type", "Requester type", AccessRow::requesterType,
            HIPAA_AUDIT_CONTROLS, ISO_ACCESS_RIGHTS, NIST_AC_2_4, CSF_PR_AA_05, SOX_AUTHORIZATION),
    ORIGIN("origin", "Origin", AccessRow::origin,
            HIPAA_EMERGENCY_ACCESS, ISO_ACCESS_RIGHTS, NIST_AC_2_4, CSF_PR_AA_05, SOX_AUTHORIZATION),
    BENEFICIARY("beneficiary", "Beneficiary", AccessRow::beneficiary,
            HIPAA_EMERGENCY_ACCESS, HIPAA_AUDIT_CONTROLS, ISO_ACCESS_RIGHTS, ISO_PRIVILEGED_ACCESS, NIST_AC_2_2,
            NIST_AU_10, CSF_PR_AA_05, SOX_AUTHORIZATION),
    APPROVERS("approvers", "Approvers", AccessRow::approvers,
            HIPAA_EMERGENCY_ACCESS, ISO_ACCESS_RIGHTS, ISO_PRIVILEGED_ACCESS, NIST_AU_10, NIST_AC_2_4, CSF_PR_AA_05,
            SOX_AUTHORIZATION),
    APPROVAL_MODE("approval_mode", "Approval mode", AccessRow::approvalMode,
            HIPAA_EMERGENCY_ACCESS, ISO_PRIVILEGED_ACCESS, NIST_AC_2_2, CSF_PR_AA_05, SOX_AUTHORIZATION),
    APPROVED_AT("approved_at", "Approved at", AccessRow::approvedAt,
            HIPAA_EMERGENCY_ACCESS, ISO_ACCESS_RIGHTS, NIST_AC_2_4, CSF_PR_AA_05, SOX_AUTHORIZATION),
    JUSTIFICATION("justification", "Justification", AccessRow::justification,
            HIPAA_EMERGENCY_ACCESS, ISO_PRIVILEGED_ACCESS, NIST_AC_2_2, CSF_PR_AA_05, SOX_AUTHORIZATION),
    INCIDENT("incident", "Incident", AccessRow::incident,
            HIPAA_EMERGENCY_ACCESS, ISO_PRIVILEGED_ACCESS, NIST_AC_2_2, CSF_PR_AA_05, SOX_AUTHORIZATION),
    SYSTEM("system", "System", AccessRow::system,
            HIPAA_AUDIT_CONTROLS, ISO_ACCESS_RIGHTS, ISO_PRIVILEGED_ACCESS, NIST_AC_2_4, CSF_PR_AA_05,
            SOX_AUTHORIZATION),
    ROLE("role", "Role", AccessRow::role,
            HIPAA_AUDIT_CONTROLS, ISO_ACCESS_RIGHTS, ISO_PRIVILEGED_ACCESS, NIST_AC_2_4, CSF_PR_AA_05,
            SOX_AUTHORIZATION),
    POLICY("policy", "Policy", AccessRow::policy,
            HIPAA_EMERGENCY_ACCESS, ISO_ACCESS_RIGHTS, NIST_AC_2_2, CSF_PR_AA_05, SOX_AUTHORIZATION),
    GRANT_ID("grant_id", "Grant", AccessRow::grantId,
            HIPAA_AUDIT_CONTROLS, ISO_LOGGING, NIST_AC_2_4, CSF_DE_CM_03, SOX_PRIVILEGED_MONITORING),
    GRANTED_AT("granted_at", "Granted at", AccessRow::grantedAt,
            HIPAA_AUDIT_CONTROLS, ISO_LOGGING, ISO_ACCESS_RIGHTS, NIST_AC_2_4, CSF_DE_CM_03,
            SOX_PRIVILEGED_MONITORING),
    EXPIRES_AT("expires_at", "Expires at", AccessRow::expiresAt,
            HIPAA_EMERGENCY_ACCESS, ISO_PRIVILEGED_ACCESS, NIST_AC_2_2, CSF_PR_AA_05, SOX_REMOVAL),
    REVOKED_AT("revoked_at", "Revoked at", AccessRow::revokedAt,
            HIPAA_AUDIT_CONTROLS, ISO_ACCESS_RIGHTS, ISO_LOGGING, NIST_AC_2_2, NIST_AC_2_4, CSF_PR_AA_05,
            SOX_REMOVAL),
    REVOCATION_REASON("revocation_reason", "Revocation reason", AccessRow::revocationReason,
            HIPAA_AUDIT_CONTROLS, ISO_ACCESS_RIGHTS, NIST_AC_2_2, CSF_PR_AA_05, SOX_REMOVAL),
    REVOCATION_CONFIRMED("revocation_confirmed", "Revocation confirmed", AccessRow::revocationConfirmed,
            HIPAA_EMERGENCY_ACCESS, ISO_ACCESS_RIGHTS, NIST_AC_2_2, CSF_PR_AA_05, SOX_REMOVAL),
    REQUESTED_DURATION("requested_duration", "Requested duration", AccessRow::requestedDuration,
            HIPAA_EMERGENCY_ACCESS, ISO_PRIVILEGED_ACCESS, NIST_AC_2_2, CSF_PR_AA_05, SOX_AUTHORIZATION),
    APPROVED_DURATION("approved_duration", "Approved duration", AccessRow::approvedDuration,
            HIPAA_EMERGENCY_ACCESS, ISO_PRIVILEGED_ACCESS, NIST_AC_2_2, CSF_PR_AA_05, SOX_AUTHORIZATION),
    GRANTED_DURATION("granted_duration", "Granted duration", AccessRow::grantedDuration,
            HIPAA_EMERGENCY_ACCESS, ISO_PRIVILEGED_ACCESS, NIST_AC_2_2, CSF_PR_AA_05, SOX_REMOVAL),
    ACTUAL_DURATION("actual_duration", "Actual duration", AccessRow::actualDuration,
            HIPAA_AUDIT_CONTROLS, ISO_PRIVILEGED_ACCESS, NIST_AC_2_2, CSF_PR_AA_05, SOX_REMOVAL),
    DURATION_WITHIN_POLICY("duration_within_policy", "Duration within policy", AccessRow::durationWithinPolicy,
            HIPAA_EMERGENCY_ACCESS, ISO_PRIVILEGED_ACCESS, NIST_AC_2_2, CSF_PR_AA_05, SOX_REMOVAL),
    SESSION_ACTIONS("session_actions", "Session actions", AccessRow::sessionActions,
            HIPAA_AUDIT_CONTROLS, ISO_LOGGING, NIST_AU_10, CSF_DE_CM_03, SOX_PRIVILEGED_MONITORING),
    REVIEW_OUTCOME("review_outcome", "Review outcome", AccessRow::reviewOutcome,
            HIPAA_AUDIT_CONTROLS, ISO_ACCESS_RIGHTS, NIST_AC_2_4, CSF_PR_AA_05, SOX_REVIEW),
    REVIEWER("reviewer", "Reviewer", AccessRow::reviewer,
            HIPAA_AUDIT_CONTROLS, ISO_ACCESS_RIGHTS, NIST_AU_10, CSF_PR_AA_05, SOX_REVIEW),
    REVIEW_DUE_AT("review_due_at", "Review due", AccessRow::reviewDueAt,
            HIPAA_AUDIT_CONTROLS, ISO_ACCESS_RIGHTS, NIST_AC_2_4, CSF_PR_AA_05, SOX_REVIEW),
    EXCEPTIONS("exceptions", "Exceptions", AccessRow::exceptions,
            HIPAA_AUDIT_CONTROLS, ISO_LOGGING, NIST_AC_2_2, CSF_DE_CM_03, SOX_PRIVILEGED_MONITORING),
    EVIDENCE("evidence", "Ledger entries", AccessRow::evidence,
            HIPAA_AUDIT_CONTROLS, ISO_LOGGING, NIST_AU_9, NIST_AU_10, CSF_DE_CM_03, SOX_PRIVILEGED_MONITORING);

    private final String key;
    private final String label;
    private final Function<AccessRow, Object> value;
    private final List<Control> controls;

    Column(String key, String label, Function<AccessRow, Object> value, Control... controls) {
        this.key = key;
        this.label = label;
        this.value = value;
        this.controls = List.of(controls);
    }

    /** The JSON member and CSV name, snake_case. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** The cell: a String, Instant, Duration, Boolean, Long, a List of those, or {@code null}. */
    public Object valueOf(AccessRow row) {
        return value.apply(row);
    }

    public List<Control> controls() {
        return controls;
    }

    public List<Control> controls(Framework framework) {
        return controls.stream().filter(control -> control.framework() == framework).toList();
    }

    public static List<Column> inOrder() {
        return Arrays.asList(values());
    }
}
