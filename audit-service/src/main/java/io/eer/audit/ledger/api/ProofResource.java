package io.eer.audit.ledger.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.audit.ledger.application.LedgerProofs;
import io.eer.audit.ledger.application.ReadLedger;
import io.eer.ledger.format.LedgerHash;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Callers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * RFC 6962 proofs over the ledger's leaves: that one entry is in the tree of a given size (inclusion), and that the
 * tree of one size is a prefix of the tree of a larger one (consistency). Sizes are usually those of signed
 * checkpoints, whose roots the caller already trusts. Each is one pass over the leaves up to the size, in O(log n)
 * memory ({@link LedgerProofs}).
 */
@Path("/v1/audit/proofs")
@Produces(MediaType.APPLICATION_JSON)
public class ProofResource {

    private final ReadLedger ledger;
    private final LedgerProofs proofs;
    private final Callers callers;

    ProofResource(ReadLedger ledger, LedgerProofs proofs, Callers callers) {
        this.ledger = ledger;
        this.proofs = proofs;
        this.callers = callers;
    }

    @GET
    @Path("/inclusion")
    public Uni<ObjectNode> inclusion(@QueryParam("index") String indexText, @QueryParam("size") String sizeText) {
        LedgerParams.requireReader(callers);
        long index = LedgerParams.number("index", indexText, 0, null);
        long size = LedgerParams.number("size", sizeText, 1, null);
        if (index >= size) {
            throw ProblemException.badRequest("index", "range", "index must be less than size (" + size + ")");
        }
        return ledger.head().chain(head -> {
            if (size > head.size()) {
                throw LedgerParams.beyond("size", size, head.size());
            }
            return proofs.inclusion(index, size);
        }).map(inclusion -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("index", index);
            body.put("size", size);
            body.put("leaf", LedgerHash.hex(inclusion.leaf()));
            body.put("root", LedgerHash.hex(inclusion.root()));
            hexes(body.putArray("proof"), inclusion.proof());
            return body;
        });
    }

    @GET
    @Path("/consistency")
    public Uni<ObjectNode> consistency(@QueryParam("from") String fromText, @QueryParam("to") String toText) {
        LedgerParams.requireReader(callers);
        long from = LedgerParams.number("from", fromText, 1, null);
        long to = LedgerParams.number("to", toText, 1, null);
        if (from > to) {
            throw ProblemException.badRequest("from", "range",
                    "from must not be greater than to (" + to + ")");
        }
        return ledger.head().chain(head -> {
            if (to > head.size()) {
                throw LedgerParams.beyond("to", to, head.size());
            }
            return proofs.consistency(from, to);
        }).map(consistency -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("from", from);
            body.put("to", to);
            body.put("fromRoot", LedgerHash.hex(consistency.fromRoot()));
            body.put("toRoot", LedgerHash.hex(consistency.toRoot()));
            hexes(body.putArray("proof"), consistency.proof());
            return body;
        });
    }

    private static void hexes(ArrayNode array, List<byte[]> hashes) {
        hashes.forEach(hash -> array.add(LedgerHash.hex(hash)));
    }
}
