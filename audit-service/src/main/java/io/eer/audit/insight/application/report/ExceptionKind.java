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

import java.util.List;

/** What the exceptions section lists, each with the controls whose failure it shows. */
public enum ExceptionKind {
    ACCESS_WITHOUT_APPROVAL("Access granted without a recorded approval",
            HIPAA_EMERGENCY_ACCESS, ISO_ACCESS_RIGHTS, ISO_PRIVILEGED_ACCESS, NIST_AC_2_2, CSF_PR_AA_05,
            SOX_AUTHORIZATION),
    DURATION_EXCEEDS_APPROVAL("Access granted for longer than requested or approved",
            HIPAA_EMERGENCY_ACCESS, ISO_PRIVILEGED_ACCESS, NIST_AC_2_2, CSF_PR_AA_05, SOX_REMOVAL),
    LATE_REVOCATION("Revoked later than the grace period after expiry",
            HIPAA_EMERGENCY_ACCESS, ISO_ACCESS_RIGHTS, NIST_AC_2_2, CSF_PR_AA_05, SOX_REMOVAL),
    UNCONFIRMED_REVOCATION("Revocation not confirmed on the target system",
            HIPAA_EMERGENCY_ACCESS, ISO_ACCESS_RIGHTS, NIST_AC_2_2, CSF_PR_AA_05, SOX_REMOVAL),
    MISSING_REVOCATION("No revocation recorded although the access expired",
            HIPAA_EMERGENCY_ACCESS, ISO_ACCESS_RIGHTS, NIST_AC_2_2, CSF_PR_AA_05, SOX_REMOVAL),
    ACTIVITY_AFTER_REVOCATION("Session activity recorded after the revocation",
            HIPAA_AUDIT_CONTROLS, ISO_LOGGING, ISO_ACCESS_RIGHTS, NIST_AC_2_2, CSF_DE_CM_03, SOX_REMOVAL),
    REVIEW_MISSING("No access review scheduled although one is due",
            HIPAA_AUDIT_CONTROLS, ISO_ACCESS_RIGHTS, NIST_AC_2_4, CSF_PR_AA_05, SOX_REVIEW),
    REVIEW_OVERDUE("Access review not completed by its due date",
            HIPAA_AUDIT_CONTROLS, ISO_ACCESS_RIGHTS, NIST_AC_2_4, CSF_PR_AA_05, SOX_REVIEW),
    REVIEW_LATE("Access review completed after its due date",
            HIPAA_AUDIT_CONTROLS, ISO_ACCESS_RIGHTS, NIST_AC_2_4, CSF_PR_AA_05, SOX_REVIEW),
    SEPARATION_OF_DUTIES_ATTEMPT("Refused attempt to approve, deny, cancel or review against separation of duties",
            HIPAA_AUDIT_CONTROLS, ISO_ACCESS_RIGHTS, ISO_PRIVILEGED_ACCESS, NIST_AU_10, CSF_PR_AA_05, CSF_DE_CM_03,
            SOX_AUTHORIZATION),
    SEPARATION_OF_DUTIES_VIOLATION("Recorded self-approval or self-review",
            HIPAA_EMERGENCY_ACCESS, HIPAA_AUDIT_CONTROLS, ISO_ACCESS_RIGHTS, ISO_PRIVILEGED_ACCESS, NIST_AU_10,
            CSF_PR_AA_05, SOX_AUTHORIZATION, SOX_REVIEW),
    UNREADABLE_LEDGER_ENTRY("A ledger entry in the basis could not be read as an event",
            HIPAA_AUDIT_CONTROLS, ISO_LOGGING, NIST_AU_9, CSF_DE_CM_03, SOX_PRIVILEGED_MONITORING);

    private final String title;
    private final List<Control> controls;

    ExceptionKind(String title, Control... controls) {
        this.title = title;
        this.controls = List.of(controls);
    }

    public String title() {
        return title;
    }

    public List<Control> controls() {
        return controls;
    }

    public List<Control> controls(Framework framework) {
        return controls.stream().filter(control -> control.framework() == framework).toList();
    }
}
