package io.eer.audit.ledger.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.audit.ledger.application.CheckpointJson;
import io.eer.audit.ledger.application.ReadCheckpoints;
import io.eer.audit.ledger.application.ReadLedger;
import io.eer.audit.ledger.config.CheckpointSettings;
import io.eer.ledger.format.SignedCheckpoint;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Callers;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.common.util.RestMediaType;

/**
 * The ledger for an auditor to take away and check offline with the standalone verifier: NDJSON, a header line, the
 * entries {@code from <= index < to} in order, then the signed checkpoints, streamed chunk by chunk. The format is
 * in the README ("Export format"); {@code audit-verifier} reads exactly this.
 */
@Path("/v1/audit/export")
public class ExportResource {

    public static final String FORMAT = "eer-ledger-export/1";

    private record Snapshot(List<SignedCheckpoint> checkpoints, long size) {
    }

    private final ReadLedger ledger;
    private final ReadCheckpoints checkpoints;
    private final CheckpointSettings settings;
    private final Callers callers;

    ExportResource(ReadLedger ledger, ReadCheckpoints checkpoints, CheckpointSettings settings, Callers callers) {
        this.ledger = ledger;
        this.checkpoints = checkpoints;
        this.settings = settings;
        this.callers = callers;
    }

    /**
     * {@code from} (default 0) and {@code to} (exclusive; default: the head at the time of the call). Checkpoints: all
     * of them when {@code to} is absent, else those with {@code size <= to}. The checkpoints are read before the head,
     * so a checkpoint larger than the exported entries means entries are missing, not that they arrived meanwhile.
     */
    @GET
    @Produces(RestMediaType.APPLICATION_NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<ObjectNode> export(@QueryParam("from") String fromText, @QueryParam("to") String toText) {
        LedgerParams.requireReader(callers);
        long from = LedgerParams.number("from", fromText, 0, 0L);
        Long to = toText == null || toText.isBlank() ? null : LedgerParams.number("to", toText, 0, null);
        if (to != null && to < from) {
            throw ProblemException.badRequest("to", "range",
                    "to must not be less than from (" + from + ")");
        }
        return checkpoints.upToSize(to == null ? Long.MAX_VALUE : to)
                .chain(signed -> ledger.head().map(head -> new Snapshot(signed, head.size())))
                .onItem().transformToMulti(snapshot -> {
                    List<SignedCheckpoint> signed = snapshot.checkpoints();
                    long size = snapshot.size();
                    long end = to == null ? size : Math.min(to, size);
                    ObjectNode header = JsonNodeFactory.instance.objectNode();
                    header.put("type", "header");
                    header.put("format", FORMAT);
                    header.put("origin", settings.origin());
                    header.put("from", from);
                    header.put("to", Math.max(from, end));
                    header.put("checkpoints", signed.size());
                    Multi<ObjectNode> entries = ledger.entries(from, end).map(entry -> {
                        ObjectNode line = JsonNodeFactory.instance.objectNode();
                        line.put("type", "entry");
                        line.setAll(AuditResource.line(entry));
                        return line;
                    });
                    Multi<ObjectNode> checkpointLines = Multi.createFrom().iterable(signed).map(checkpoint -> {
                        ObjectNode line = JsonNodeFactory.instance.objectNode();
                        line.put("type", "checkpoint");
                        line.setAll(CheckpointJson.of(checkpoint));
                        return line;
                    });
                    return Multi.createBy().concatenating()
                            .streams(Multi.createFrom().item(header), entries, checkpointLines);
                });
    }
}
