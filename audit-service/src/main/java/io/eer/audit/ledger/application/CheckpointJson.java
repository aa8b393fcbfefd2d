package io.eer.audit.ledger.application;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.ledger.format.SignedCheckpoint;
import java.util.Base64;

/** How a signed checkpoint is shown everywhere: {@code {"seq":n,"checkpoint":{signed body},"signature":"base64"}}. */
public final class CheckpointJson {

    private CheckpointJson() {
    }

    public static ObjectNode of(SignedCheckpoint signed) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("seq", signed.seq());
        node.set("checkpoint", CreateCheckpoint.readBody(signed));
        node.put("signature", Base64.getEncoder().encodeToString(signed.signature()));
        return node;
    }
}
