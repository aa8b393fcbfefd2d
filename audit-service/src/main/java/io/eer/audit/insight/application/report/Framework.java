package io.eer.audit.insight.application.report;

import java.util.Arrays;
import java.util.Optional;

/** The frameworks a report can be asked for; the path segment of {@code GET /v1/reports/{framework}}. */
public enum Framework {
    SOX("sox", "SOX IT general controls: logical access"),
    HIPAA("hipaa", "HIPAA Security Rule (45 CFR 164.312)"),
    ISO27001("iso27001", "ISO/IEC 27001:2022 Annex A"),
    NIST_CSF("nist-csf", "NIST Cybersecurity Framework 2.0 with NIST SP 800-53 Rev. 5");

    private final String key;
    private final String title;

    Framework(String key, String title) {
        this.key = key;
        this.title = title;
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public static Optional<Framework> fromKey(String key) {
        return Arrays.stream(values()).filter(framework -> framework.key.equals(key)).findFirst();
    }
}
