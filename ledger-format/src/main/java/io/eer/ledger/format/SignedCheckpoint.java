package io.eer.ledger.format;

import io.eer.contracts.EventCodec;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;

/**
 * A checkpoint as stored and published: its number {@code seq} (0, 1, 2, … in signing order), the exact signed
 * bytes {@code body} = JCS(checkpoint) and the Ed25519 {@code signature} over them.
 */
public record SignedCheckpoint(long seq, String body, byte[] signature) {

    public SignedCheckpoint {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(signature, "signature");
        signature = signature.clone();
    }

    public static SignedCheckpoint sign(long seq, Checkpoint checkpoint, PrivateKey key) {
        byte[] body = checkpoint.canonicalBytes();
        return new SignedCheckpoint(seq, new String(body, StandardCharsets.UTF_8), Ed25519.sign(key, body));
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The signed statement; throws {@link IllegalArgumentException} when the body is not a checkpoint. */
    public Checkpoint checkpoint() {
        try {
            return Checkpoint.fromJson(EventCodec.mapper().readTree(body));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("checkpoint body is not JSON", e);
        }
    }

    public boolean verifies(PublicKey key) {
        return Ed25519.verify(key, body.getBytes(StandardCharsets.UTF_8), signature);
    }
}
