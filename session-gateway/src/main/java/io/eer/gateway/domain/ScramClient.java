package io.eer.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM-SHA-256 (RFC 5802/7677) as PostgreSQL runs it: no channel binding ({@code n,,}), empty
 * user name (the server takes the startup user). One instance per login attempt. Passwords EER issues are ASCII, for
 * which SASLprep is the identity.
 */
public final class ScramClient {

    /** pgJDBC's default cap ({@code scramMaxIterations}): a hostile server cannot make the gateway burn CPU. */
    public static final int MAX_ITERATIONS = 100_000;

    private final char[] password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] serverSignature;

    public ScramClient(char[] password, SecureRandom random) {
        this.password = password;
        byte[] nonce = new byte[18];
        random.nextBytes(nonce);
        this.clientNonce = Base64.getEncoder().encodeToString(nonce);
    }

    public String clientFirst() {
        clientFirstBare = "n=,r=" + clientNonce;
        return "n,," + clientFirstBare;
    }

    /** The client-final message for the server-first one; remembers the signature the server must prove. */
    public String clientFinal(String serverFirst) {
        String nonce = attribute(serverFirst, 'r');
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new IllegalStateException("the server's SCRAM nonce does not extend ours");
        }
        byte[] salt = Base64.getDecoder().decode(attribute(serverFirst, 's'));
        int iterations = Integer.parseInt(attribute(serverFirst, 'i'));
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalStateException("SCRAM iteration count " + iterations + " out of range");
        }
        String withoutProof = "c=biws,r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        try {
            byte[] salted = pbkdf2(password, salt, iterations);
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] clientSignature = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
            }
            serverSignature = hmac(hmac(salted, "Server Key"), authMessage);
            return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SCRAM-SHA-256 is not available", e);
        }
    }

    /** Whether the server-final message proves the server knew the verifier. */
    public boolean verifyServerFinal(String serverFinal) {
        if (serverSignature == null || !serverFinal.startsWith("v=")) {
            return false;
        }
        byte[] claimed = Base64.getDecoder().decode(attribute(serverFinal, 'v'));
        return MessageDigest.isEqual(claimed, serverSignature);
    }

    private static String attribute(String message, char name) {
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        throw new IllegalStateException("SCRAM message without '" + name + "'");
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
