package io.eer.audit.insight.application.report;

/**
 * A control a report column or exception evidences. NIST SP 800-53 controls are listed under the NIST CSF report
 * (they are the CSF's informative references). SOX has no standard control numbering: the four SOX entries name the
 * usual ITGC logical-access objectives.
 */
public enum Control {
    HIPAA_AUDIT_CONTROLS(Framework.HIPAA, "HIPAA 164.312(b)",
            "Audit controls: record and examine activity in systems that contain or use ePHI"),
    HIPAA_EMERGENCY_ACCESS(Framework.HIPAA, "HIPAA 164.312(a)(2)(ii)",
            "Emergency access procedure: obtaining necessary ePHI during an emergency"),
    ISO_ACCESS_RIGHTS(Framework.ISO27001, "ISO A.5.18",
            "Access rights: provided, reviewed, modified and removed according to policy"),
    ISO_PRIVILEGED_ACCESS(Framework.ISO27001, "ISO A.8.2",
            "Privileged access rights: allocation restricted and managed"),
    ISO_LOGGING(Framework.ISO27001, "ISO A.8.15",
            "Logging: logs of activities produced, stored, protected and analysed"),
    NIST_AC_2_2(Framework.NIST_CSF, "SP 800-53 AC-2(2)",
            "Automated temporary and emergency account management: removed or disabled after a set period"),
    NIST_AC_2_4(Framework.NIST_CSF, "SP 800-53 AC-2(4)",
            "Automated audit actions: account creation, enabling and removal are audited"),
    NIST_AU_9(Framework.NIST_CSF, "SP 800-53 AU-9",
            "Protection of audit information from unauthorized modification and deletion"),
    NIST_AU_10(Framework.NIST_CSF, "SP 800-53 AU-10",
            "Non-repudiation: irrefutable evidence of who performed an action"),
    CSF_PR_AA_05(Framework.NIST_CSF, "CSF PR.AA-05",
            "Access permissions, entitlements and authorizations are defined in policy, managed, enforced and "
                    + "reviewed (least privilege, separation of duties)"),
    CSF_DE_CM_03(Framework.NIST_CSF, "CSF DE.CM-03",
            "Personnel activity and technology usage are monitored to find adverse events"),
    SOX_AUTHORIZATION(Framework.SOX, "SOX ITGC logical access: authorization",
            "Access to in-scope systems is requested, justified and approved before it is granted"),
    SOX_REMOVAL(Framework.SOX, "SOX ITGC logical access: timely removal",
            "Temporary and emergency access is removed on time, and the removal is confirmed"),
    SOX_PRIVILEGED_MONITORING(Framework.SOX, "SOX ITGC logical access: privileged activity monitoring",
            "Privileged and emergency use is logged in a tamper-evident record and monitored"),
    SOX_REVIEW(Framework.SOX, "SOX ITGC logical access: access review",
            "Emergency access and what was done with it are reviewed by someone independent");

    private final Framework framework;
    private final String id;
    private final String title;

    Control(Framework framework, String id, String title) {
        this.framework = framework;
        this.id = id;
        this.title = title;
    }

    public Framework framework() {
        return framework;
    }

    /** How reports name it, e.g. {@code HIPAA 164.312(b)}. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }
}
