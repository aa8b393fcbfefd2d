package io.eer.grant.infra;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Encrypts issued secrets at rest with AES-256-GCM; the grant id is the associated data, so a ciphertext cannot
 * be moved to another grant. The key comes from {@code eer.grant.credential-key} (env
 * {@code EER_GRANT_CREDENTIAL_KEY}, base64 of 32 bytes); without it a random key is made at start and
 * credentials not yet fetched do not survive a restart.
 */
@Startup // so that a missing or malformed key is reported when the service starts
@ApplicationScoped
public class CredentialVault {

    private static final Logger LOG = Logger.getLogger(CredentialVault.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    @Inject
    CredentialVault(GrantSettings settings) {
        this(settings.credentialKey());
    }

    CredentialVault(Optional<String> configuredKey) {
        this.key = configuredKey.map(CredentialVault::decodeKey).orElseGet(this::randomKey);
    }

    /** Sealed bytes: a fresh nonce and the ciphertext (with its tag). */
    public record Sealed(byte[] nonce, byte[] ciphertext) {
    }

    /** Thrown when a ciphertext does not open with the current key (tampered, or sealed before a key change). */
    public static class Unreadable extends Exception {
        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Sealed seal(String grantId, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(grantId.getBytes(StandardCharsets.UTF_8));
            return new Sealed(nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The plaintext; the caller wipes it once used. */
    public byte[] open(String grantId, byte[] nonce, byte[] ciphertext) throws Unreadable {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(grantId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw new Unreadable("the stored credential does not open with the current key", e);
        } catch (GeneralSecurityException e) {
            throw new Unreadable("the stored credential cannot be decrypted", e);
        }
    }

    private static SecretKey decodeKey(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("eer.grant.credential-key (EER_GRANT_CREDENTIAL_KEY) is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("eer.grant.credential-key (EER_GRANT_CREDENTIAL_KEY) must be 32 bytes "
                    + "(base64), it has " + bytes.length);
        }
        SecretKey key = new SecretKeySpec(bytes, "AES");
        Arrays.fill(bytes, (byte) 0);
        return key;
    }

    private SecretKey randomKey() {
        LOG.warn("eer.grant.credential-key (EER_GRANT_CREDENTIAL_KEY) is not set: using a random key for this run; "
                + "credentials not yet fetched will not survive a restart");
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        SecretKey key = new SecretKeySpec(bytes, "AES");
        Arrays.fill(bytes, (byte) 0);
        return key;
    }
}
