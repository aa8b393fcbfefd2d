package io.eer.support.testing;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mints RS256 tokens (smallrye-jwt-build) with the test-only key pair that the {@code %test} profile trusts.
 */
public final class TestTokens {

    public static final String ISSUER = "https://eer.local/issuer";
    /** The audience every service expects (mp.jwt.verify.audiences, EER_JWT_AUDIENCE). */
    public static final String AUDIENCE = "eer";
    private static final PrivateKey KEY = loadKey("/eer-test-keys/privateKey.pem");

    static {
        // plain JUnit (system-tests) reads MicroProfile Config from system properties too; a @QuarkusTest reads the
        // test-jar's META-INF/microprofile-config.properties. Either way: sign the claims given, add none.
        System.setProperty("smallrye.jwt.new-token.add-default-claims", "false");
    }

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

    /**
     * Signs arbitrary claims with {@code key}: also used to show that a foreign key is refused. smallrye-jwt-build
     * signs exactly the claims given (test-jar {@code META-INF/microprofile-config.properties} turns its default
     * iat/exp/jti off), so a test can leave one out and see the token refused.
     */
    public static String sign(Map<String, Object> claims, PrivateKey key) {
        return sign(claims, key, "eer-test");
    }

    /** Signs {@code claims} with {@code key}, naming it {@code kid} in the JWS header (a JWKS test rotates keys). */
    public static String sign(Map<String, Object> claims, PrivateKey key, String kid) {
        return Jwt.claims(claims).jws().keyId(kid).algorithm(SignatureAlgorithm.RS256).header("typ", "JWT").sign(key);
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
