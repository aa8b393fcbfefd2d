package io.eer.audit.insight.application.report;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A compliance report: a pure function of the ledger entries {@code [0, basis.size)} and the request, so the same
 * report comes out of the service and out of an export ({@link ReportReplay}).
 *
 * @param asOf the {@code recordedAt} of the last entry in the basis ({@code null} for an empty ledger): "now" for
 *        every overdue check, so the report does not depend on when it was computed
 * @param exceptionCounts every kind, in declaration order, with its count
 */
public record Report(ReportRequest request, ReportBasis basis, Instant asOf, List<AccessRow> accesses,
        List<ReportException> exceptions, Map<ExceptionKind, Integer> exceptionCounts) {

    public Report {
        accesses = List.copyOf(accesses);
        exceptions = List.copyOf(exceptions);
        exceptionCounts = Collections.unmodifiableMap(new EnumMap<>(exceptionCounts));
    }

    public Framework framework() {
        return request.framework();
    }
}
