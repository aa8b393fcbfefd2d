package io.eer.ledger.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eer.contracts.json.CanonicalJson;
import java.time.Instant;
import java.util.Objects;

/**
 * What a signed checkpoint states: the ledger called {@code origin} had {@code size} entries, whose last chain value
 * is {@code chainHead} and whose RFC 6962 Merkle root is {@code merkleRoot}, at {@code timestamp}; signed with the
 * key {@code keyId}. The signature covers {@link #canonicalBytes()}: the RFC 8785 form of
 * {@code {"chainHead","keyId","merkleRoot","origin","size","timestamp"}} with hashes in lowercase hex and the
 * timestamp as the ledger writes {@code recordedAt}.
 */
public record Checkpoint(String origin, long size, byte[] chainHead, byte[] merkleRoot, Instant timestamp,
        String keyId) {

    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(keyId, "keyId");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        if (chainHead == null || chainHead.length != LedgerHash.LENGTH || merkleRoot == null
                || merkleRoot.length != LedgerHash.LENGTH) {
            throw new IllegalArgumentException("chainHead and merkleRoot must be " + LedgerHash.LENGTH + " bytes");
        }
        chainHead = chainHead.clone();
        merkleRoot = merkleRoot.clone();
    }

    @Override
    public byte[] chainHead() {
        return chainHead.clone();
    }

    @Override
    public byte[] merkleRoot() {
        return merkleRoot.clone();
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("origin", origin);
        node.put("size", size);
        node.put("chainHead", LedgerHash.hex(chainHead));
        node.put("merkleRoot", LedgerHash.hex(merkleRoot));
        node.put("timestamp", LedgerRecord.formatTime(timestamp));
        node.put("keyId", keyId);
        return node;
    }

    /** The signed bytes: {@code JCS(body)}. */
    public byte[] canonicalBytes() {
        return CanonicalJson.write(toJson());
    }

    /** Reads a body written by {@link #toJson()}; throws {@link IllegalArgumentException} when it is not one. */
    public static Checkpoint fromJson(JsonNode body) {
        try {
            return new Checkpoint(text(body, "origin"), body.get("size").asLong(),
                    LedgerHash.fromHex(text(body, "chainHead")), LedgerHash.fromHex(text(body, "merkleRoot")),
                    Instant.parse(text(body, "timestamp")), text(body, "keyId"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a checkpoint body: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return value.asText();
    }
}
