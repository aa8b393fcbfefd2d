package io.eer.audit.ledger.application;

import io.eer.audit.ledger.config.CheckpointSettings;

import io.eer.ledger.format.Ed25519;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checkpoint signing key and the public keys checkpoints are verified with (the current one and retired ones),
 * read once from PEM files at start-up; a missing or wrong key stops the service from starting.
 */
@ApplicationScoped
public class CheckpointKeys {

    private final String keyId;
    private final PrivateKey signingKey;
    private final Map<String, PublicKey> trusted = new LinkedHashMap<>();
    private final Map<String, String> pems = new LinkedHashMap<>();

    CheckpointKeys(CheckpointSettings settings) {
        this.keyId = settings.keyId();
        this.signingKey = Ed25519.privateKey(read(settings.privateKey()));
        PublicKey current = Ed25519.publicKey(read(settings.publicKey()));
        if (!Ed25519.verify(current, new byte[] {1}, Ed25519.sign(signingKey, new byte[] {1}))) {
            throw new IllegalStateException("eer.audit.checkpoint.public-key is not the public key of private-key");
        }
        trusted.put(keyId, current);
        pems.put(keyId, Ed25519.pem(current));
        settings.retiredKeys().orElse(java.util.List.of()).forEach(entry -> {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalStateException("eer.audit.checkpoint.retired-keys entries are keyId=path: " + entry);
            }
            String id = entry.substring(0, equals).trim();
            PublicKey key = Ed25519.publicKey(read(entry.substring(equals + 1).trim()));
            trusted.putIfAbsent(id, key);
            pems.putIfAbsent(id, Ed25519.pem(key));
        });
    }

    public String keyId() {
        return keyId;
    }

    public PrivateKey signingKey() {
        return signingKey;
    }

    /** Key id -> public key, current key first. */
    public Map<String, PublicKey> trusted() {
        return Map.copyOf(trusted);
    }

    /** Key id -> X.509 PEM, current key first. */
    public Map<String, String> pems() {
        return new LinkedHashMap<>(pems);
    }

    private static String read(String location) {
        try {
            Path path = Path.of(location);
            if (Files.isRegularFile(path)) {
                return Files.readString(path, StandardCharsets.US_ASCII);
            }
            try (InputStream resource = Thread.currentThread().getContextClassLoader()
                    .getResourceAsStream(location.startsWith("/") ? location.substring(1) : location)) {
                if (resource == null) {
                    throw new IllegalStateException("checkpoint key " + location + " is neither a file nor a resource");
                }
                return new String(resource.readAllBytes(), StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint key " + location, e);
        }
    }
}
