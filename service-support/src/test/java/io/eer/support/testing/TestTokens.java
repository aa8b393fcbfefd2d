package io.eer.support.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Mints RS256 tokens with the test-only key pair that the {@code %test} profile trusts. */
public final class TestTokens {

    public static final String ISSUER = "https://eer.local/issuer";
    /** The audience every service expects (mp.jwt.verify.audiences, EER_JWT_AUDIENCE). */
    public static final String AUDIENCE = "eer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrivateKey KEY = loadKey("/eer-test-keys/privateKey.pem");

    private TestTokens() {
    }

    /** A token for {@code sub}; {@code mfa} adds RFC 8176 "mfa" and "otp" to amr, authenticated now. */
    public static String token(String sub, List<String> groups, String type, boolean mfa) {
        return sign(claims(sub, groups, type, mfa), KEY);
    }

    /** The claims {@link #token} signs, to change one of them (a test of a refused token) before {@link #sign(Map)}. */
    public static Map<String, Object> claims(String sub, List<String> groups, String type, boolean mfa) {
        Map<String, Object> claims = new LinkedHashMap<>();
        long now = Instant.now().getEpochSecond();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", sub);
        claims.put("upn", sub);
        claims.put("groups", groups);
        claims.put("employee_type", type);
        claims.put("amr", mfa ? List.of("pwd", "mfa", "otp") : List.of("pwd"));
        claims.put("auth_time", now);
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    /** Signs {@code claims} with the test key the services trust. */
    public static String sign(Map<String, Object> claims) {
        return sign(claims, KEY);
    }

    public static String employee(String sub, String... groups) {
        return token(sub, List.of(groups), "EMPLOYEE", true);
    }

    public static String contractor(String sub, String... groups) {
        return token(sub, List.of(groups), "CONTRACTOR", true);
    }

    /** Signs arbitrary claims with {@code key}: also used to show that a foreign key is refused. */
    public static String sign(Map<String, Object> claims, PrivateKey key) {
        try {
            String header = base64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", "eer-test")));
            String body = base64(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
            return header + "." + body + "." + base64(rsa.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static PrivateKey loadKey(String resource) {
        try (InputStream in = TestTokens.class.getResourceAsStream(resource)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | GeneralSecurityException | NullPointerException e) {
            throw new IllegalStateException("cannot read test key " + resource, e);
        }
    }
}
