package io.eer.audit.insight.application.report;

import java.time.Instant;

/**
 * One entry of the exceptions section.
 *
 * @param at when it happened or became due
 * @param ledgerIndex the ledger entry that shows it (the grant, revocation, review or refused attempt)
 */
public record ReportException(ExceptionKind kind, String requestId, String grantId, Instant at, String detail,
        long ledgerIndex) {
}
