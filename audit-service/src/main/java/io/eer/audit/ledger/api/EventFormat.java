package io.eer.audit.ledger.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;

/**
 * Another rendering of {@code GET /v1/audit/events} than the ledger's own lines, chosen with {@code format=<name>}
 * (insight's {@code ocsf}). The ledger owns the endpoint and this interface; a part deployed with it adds formats.
 */
public interface EventFormat {

    /** The {@code format} query value. */
    String name();

    /** The export lines (one per entry, in order) in this format. */
    Multi<ObjectNode> map(Multi<ObjectNode> lines);
}
