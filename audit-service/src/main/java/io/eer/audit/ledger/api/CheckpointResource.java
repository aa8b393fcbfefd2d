package io.eer.audit.ledger.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.audit.ledger.application.CheckpointJson;
import io.eer.audit.ledger.application.CheckpointKeys;
import io.eer.audit.ledger.application.CreateCheckpoint;
import io.eer.audit.ledger.application.ReadCheckpoints;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Callers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/** Signed checkpoints of the ledger and the public keys that verify them. */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class CheckpointResource {

    static final int MAX_LIMIT = 1000;

    private final ReadCheckpoints checkpoints;
    private final CreateCheckpoint createCheckpoint;
    private final CheckpointKeys keys;
    private final Callers callers;

    CheckpointResource(ReadCheckpoints checkpoints, CreateCheckpoint createCheckpoint, CheckpointKeys keys,
            Callers callers) {
        this.checkpoints = checkpoints;
        this.createCheckpoint = createCheckpoint;
        this.keys = keys;
        this.callers = callers;
    }

    /** Checkpoints with {@code seq >= from}, oldest first, at most {@code limit} (default and maximum 1000). */
    @GET
    @Path("/checkpoints")
    public Uni<ObjectNode> list(@QueryParam("from") String from, @QueryParam("limit") String limit) {
        LedgerParams.requireReader(callers);
        long start = LedgerParams.number("from", from, 0, 0L);
        long count = LedgerParams.number("limit", limit, 1, (long) MAX_LIMIT);
        if (count > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "range", "limit must be from 1 to " + MAX_LIMIT);
        }
        return checkpoints.list(start, (int) count).map(list -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            ArrayNode array = body.putArray("checkpoints");
            list.forEach(signed -> array.add(CheckpointJson.of(signed)));
            return body;
        });
    }

    /** Signs a checkpoint now (an admin before an export, say), whatever the cadence. */
    @POST
    @Path("/checkpoints")
    public Uni<Response> create() {
        if (!callers.current().inAnyGroup(Set.of("eer-admins"))) {
            throw ProblemException.forbidden("only the group eer-admins may request a checkpoint");
        }
        return createCheckpoint.now().map(signed -> Response.status(Response.Status.CREATED)
                .entity(CheckpointJson.of(signed)).build());
    }

    /** The public keys checkpoints are signed with (current first, then retired ones still trusted). */
    @GET
    @Path("/keys")
    public ObjectNode keys() {
        LedgerParams.requireReader(callers);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode array = body.putArray("keys");
        keys.pems().forEach((keyId, pem) -> {
            ObjectNode key = array.addObject();
            key.put("keyId", keyId);
            key.put("algorithm", "Ed25519");
            key.put("current", keyId.equals(keys.keyId()));
            key.put("publicKey", pem);
        });
        return body;
    }
}
