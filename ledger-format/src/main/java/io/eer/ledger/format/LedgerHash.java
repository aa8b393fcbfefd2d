package io.eer.ledger.format;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The two hashes of the ledger, SHA-256 with a one-byte domain-separation prefix:
 * <ul>
 * <li>{@code leaf = SHA-256(0x00 ‖ JCS(record))}, the RFC 6962 leaf form, so the later Merkle tree can use the same
 * leaves;</li>
 * <li>{@code chain[i] = SHA-256(0x02 ‖ chain[i-1] ‖ leaf[i])} with {@code chain[-1]} = 32 zero bytes; 0x02 and not
 * 0x01, so a chain value can never be taken for an RFC 6962 interior node.</li>
 * </ul>
 * Plain Java: the standalone verifier reuses this class.
 */
public final class LedgerHash {

    public static final byte LEAF_PREFIX = 0x00;
    public static final byte CHAIN_PREFIX = 0x02;
    public static final int LENGTH = 32;

    private static final HexFormat HEX = HexFormat.of();

    // one digest per thread, reset before use: getInstance per hash cost the verifier more than the hashing of a chain
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(LedgerHash::sha256);

    private LedgerHash() {
    }

    /** {@code chain[-1]}: 32 zero bytes, the chain head of an empty ledger. */
    public static byte[] genesis() {
        return new byte[LENGTH];
    }

    /** {@code SHA-256(0x00 ‖ canonicalRecord)}; {@code canonicalRecord} is the RFC 8785 form of the record. */
    public static byte[] leaf(byte[] canonicalRecord) {
        return leaf(canonicalRecord, 0, canonicalRecord.length);
    }

    /** {@code SHA-256(0x00 ‖ bytes[offset, offset + length))}: a record assembled in a reused buffer. */
    public static byte[] leaf(byte[] bytes, int offset, int length) {
        MessageDigest sha256 = DIGEST.get();
        sha256.reset();
        sha256.update(LEAF_PREFIX);
        sha256.update(bytes, offset, length);
        return sha256.digest();
    }

    /** {@code SHA-256(0x02 ‖ previous ‖ leaf)}. */
    public static byte[] chain(byte[] previous, byte[] leaf) {
        requireHash(previous, "previous chain value");
        requireHash(leaf, "leaf");
        MessageDigest sha256 = DIGEST.get();
        sha256.reset();
        sha256.update(CHAIN_PREFIX);
        sha256.update(previous);
        sha256.update(leaf);
        return sha256.digest();
    }

    /** Lowercase hex, as the API shows hashes. */
    public static String hex(byte[] hash) {
        return HEX.formatHex(hash);
    }

    public static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }

    private static void requireHash(byte[] value, String what) {
        if (value == null || value.length != LENGTH) {
            throw new IllegalArgumentException(what + " must be " + LENGTH + " bytes");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
