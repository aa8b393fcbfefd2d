package io.eer.audit.insight.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.audit.insight.application.OcsfExport;
import io.eer.audit.ledger.api.EventFormat;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code GET /v1/audit/events?format=ocsf}: one OCSF record per entry (for SIEMs). */
@ApplicationScoped
public class OcsfEventFormat implements EventFormat {

    private final OcsfExport ocsf;

    OcsfEventFormat(OcsfExport ocsf) {
        this.ocsf = ocsf;
    }

    @Override
    public String name() {
        return "ocsf";
    }

    @Override
    public Multi<ObjectNode> map(Multi<ObjectNode> lines) {
        return ocsf.map(lines);
    }
}
