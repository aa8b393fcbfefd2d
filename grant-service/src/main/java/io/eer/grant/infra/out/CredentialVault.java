package io.eer.grant.infra.out;

import io.eer.grant.config.CredentialKeys;
import io.eer.grant.config.GrantSettings;
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
 * be moved to another grant. The keys come from {@link CredentialKeys} (required; GrantSettings' start-up check refuses to start
 * without one); each sealed secret names the key id that sealed it, so keys can be rotated.
 */
@ApplicationScoped
public class CredentialVault {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final CredentialKeys keys;
    private final SecureRandom random = new SecureRandom();

    @Inject
    CredentialVault(GrantSettings settings) {
        this(CredentialKeys.from(settings));
    }

    CredentialVault(CredentialKeys keys) {
        this.keys = keys;
    }

    /** Sealed bytes: a fresh nonce and the ciphertext (with its tag). */
    public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
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
            cipher.init(Cipher.ENCRYPT_MODE, keys.current(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(grantId.getBytes(StandardCharsets.UTF_8));
            return new Sealed(keys.currentId(), nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The plaintext; the caller wipes it once used. */
    public byte[] open(String grantId, String keyId, byte[] nonce, byte[] ciphertext) throws Unreadable {
        SecretKey key = keys.forId(keyId).orElseThrow(() -> new Unreadable("the credential was sealed with key '"
                + keyId + "', which is not configured any more", null));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(grantId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw new Unreadable("the stored credential does not open with key '" + (keyId == null
                    ? CredentialKeys.DEFAULT_ID : keyId) + "'", e);
        } catch (GeneralSecurityException e) {
            throw new Unreadable("the stored credential cannot be decrypted", e);
        }
    }
}
