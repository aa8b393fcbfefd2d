package io.eer.audit.ledger.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.audit.ledger.application.ReadCheckpoints;
import io.eer.audit.ledger.application.ReadLedger;
import io.eer.ledger.format.LedgerHash;
import io.eer.ledger.format.MerkleTree;
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
 * checkpoints, whose roots the caller already trusts.
 */
@Path("/v1/audit/proofs")
@Produces(MediaType.APPLICATION_JSON)
public class ProofResource {

    private final ReadLedger ledger;
    private final ReadCheckpoints store;
    private final Callers callers;

    ProofResource(ReadLedger ledger, ReadCheckpoints store, Callers callers) {
        this.ledger = ledger;
        this.store = store;
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
            return store.leaves(0, size);
        }).map(leaves -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("index", index);
            body.put("size", size);
            body.put("leaf", LedgerHash.hex(leaves.get((int) index)));
            body.put("root", LedgerHash.hex(MerkleTree.root(leaves, size)));
            hexes(body.putArray("proof"), MerkleTree.inclusionProof(leaves, index, size));
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
            return store.leaves(0, to);
        }).map(leaves -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("from", from);
            body.put("to", to);
            body.put("fromRoot", LedgerHash.hex(MerkleTree.root(leaves, from)));
            body.put("toRoot", LedgerHash.hex(MerkleTree.root(leaves, to)));
            hexes(body.putArray("proof"), MerkleTree.consistencyProof(leaves, from, to));
            return body;
        });
    }

    private static void hexes(ArrayNode array, List<byte[]> hashes) {
        hashes.forEach(hash -> array.add(LedgerHash.hex(hash)));
    }
}
