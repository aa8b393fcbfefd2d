package io.eer.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

/** A fresh Ed25519 checkpoint key pair as PEM files, and the environment that points audit-service at them. */
final class CheckpointKeyFiles {

    static final String KEY_ID = "system-test-1";

    final Path privateKey;
    final Path publicKey;

    CheckpointKeyFiles(Path dir) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(dir);
            privateKey = Files.writeString(dir.resolve("checkpoint-ed25519.pem"),
                    pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            publicKey = Files.writeString(dir.resolve("checkpoint-ed25519.pub.pem"),
                    pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write checkpoint keys", e);
        }
    }

    Map<String, String> env() {
        return Map.of("EER_AUDIT_CHECKPOINT_PRIVATE_KEY", privateKey.toString(),
                "EER_AUDIT_CHECKPOINT_PUBLIC_KEY", publicKey.toString(),
                "EER_AUDIT_CHECKPOINT_KEY_ID", KEY_ID);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label
                + "-----\n";
    }
}
