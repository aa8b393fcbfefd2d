package io.eer.grant.config;

import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credential keys, validated at start. Required: without a key every start would use a random one and the
 * credentials not yet fetched would be lost at the next restart. Settings:
 * <ul>
 *   <li>{@code eer.grant.credential-key} ({@code EER_GRANT_CREDENTIAL_KEY}): base64 of 32 bytes, key id {@code default};</li>
 *   <li>{@code eer.grant.credential-keys} ({@code EER_GRANT_CREDENTIAL_KEYS}): {@code id:base64,...}, for rotation;</li>
 *   <li>{@code eer.grant.credential-key-id} ({@code EER_GRANT_CREDENTIAL_KEY_ID}): the key that seals new secrets
 *   (default {@code default}, or the only key of {@code credential-keys}).</li>
 * </ul>
 * Every key opens what it sealed (the key id is stored beside the ciphertext), so rotating is: add the new key to
 * {@code credential-keys}, point {@code credential-key-id} at it, keep the old one until its secrets are gone.
 */
public record CredentialKeys(String currentId, Map<String, SecretKey> byId) {

    public static final String DEFAULT_ID = "default";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String NAMES = "eer.grant.credential-key (EER_GRANT_CREDENTIAL_KEY) or "
            + "eer.grant.credential-keys (EER_GRANT_CREDENTIAL_KEYS)";

    public CredentialKeys {
        byId = Map.copyOf(byId);
    }

    public static CredentialKeys from(GrantSettings settings) {
        return parse(settings.credentialKey(), settings.credentialKeys(), settings.credentialKeyId());
    }

    /** @throws IllegalStateException naming the setting when a key is missing or malformed */
    public static CredentialKeys parse(Optional<String> key, Optional<String> keys, Optional<String> currentId) {
        Map<String, SecretKey> byId = new LinkedHashMap<>();
        key.filter(k -> !k.isBlank()).ifPresent(k -> byId.put(DEFAULT_ID,
                decode(k, "eer.grant.credential-key (EER_GRANT_CREDENTIAL_KEY)")));
        keys.filter(k -> !k.isBlank()).ifPresent(list -> {
            for (String entry : list.split(",")) {
                int colon = entry.indexOf(':');
                String id = colon < 0 ? "" : entry.substring(0, colon).trim();
                if (!ID.matcher(id).matches()) {
                    throw new IllegalStateException("eer.grant.credential-keys (EER_GRANT_CREDENTIAL_KEYS): each entry "
                            + "is id:base64 with an id of letters, digits, . _ - (entry " + (byId.size() + 1) + ")");
                }
                if (byId.containsKey(id)) {
                    throw new IllegalStateException("eer.grant.credential-keys: key id '" + id + "' is given twice");
                }
                byId.put(id, decode(entry.substring(colon + 1), "eer.grant.credential-keys key '" + id + "'"));
            }
        });
        if (byId.isEmpty()) {
            throw new IllegalStateException(NAMES + " is required: the key that encrypts issued credentials until "
                    + "their fetch (base64 of 32 bytes, e.g. `openssl rand -base64 32`); without it credentials not "
                    + "yet fetched would be lost at every restart");
        }
        String current = currentId.filter(id -> !id.isBlank()).map(String::trim)
                .orElse(byId.containsKey(DEFAULT_ID) || byId.size() > 1 ? DEFAULT_ID : byId.keySet().iterator().next());
        if (!byId.containsKey(current)) {
            throw new IllegalStateException("eer.grant.credential-key-id (EER_GRANT_CREDENTIAL_KEY_ID): no key with id '"
                    + current + "' is configured (known: " + String.join(", ", byId.keySet()) + ")");
        }
        return new CredentialKeys(current, byId);
    }

    public SecretKey current() {
        return byId.get(currentId);
    }

    /** The key with {@code id}; {@code null} id: a secret sealed before key ids (the {@code default} key). */
    public Optional<SecretKey> forId(String id) {
        return Optional.ofNullable(byId.get(id == null ? DEFAULT_ID : id));
    }

    private static SecretKey decode(String base64, String setting) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(setting + " must be 32 bytes (base64), it has " + bytes.length);
        }
        SecretKey secretKey = new SecretKeySpec(bytes, "AES");
        Arrays.fill(bytes, (byte) 0);
        return secretKey;
    }

    @Override
    public String toString() {
        return "CredentialKeys[current=" + currentId + ", ids=" + byId.keySet() + "]";
    }
}
