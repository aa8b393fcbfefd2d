package io.eer.review.domain;

import io.eer.support.scope.ObjectNames;
import java.util.List;

/**
 * Whether an object a gateway statement named is within the incident scope the request carried: scope entries are
 * names or patterns ({@code *}: any characters) such as {@code payments.invoices} or {@code payments.refund_*},
 * compared without regard to case (PostgreSQL folds unquoted names). A bare name (no schema), in the scope or in a
 * statement, is {@code public.<name>}: the schema PostgreSQL resolves it in by default.
 */
public final class IncidentScope {

    private IncidentScope() {
    }

    public static boolean covers(List<String> scope, String object) {
        return scope.stream().anyMatch(pattern -> ObjectNames.covers(pattern, object));
    }
}
