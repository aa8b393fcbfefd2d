package io.eer.expiry.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.eer.support.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Any OIDC provider: the service verifies tokens against the issuer's JWKS URL (mp.jwt.verify.publickey.location =
 * EER_JWT_JWKS_URL) and follows a key rotation. A tiny JDK HTTP server plays the IdP's JWKS endpoint; the test
 * rotates its key from A to B and sees tokens signed with B accepted (and A's refused once A left the set).
 */
@QuarkusTest
@TestProfile(JwksRotationTest.JwksIssuer.class)
class JwksRotationTest {

    /** What the JWKS endpoint serves, re-read on every request; the test writes it to rotate keys. */
    static final Path JWKS = Path.of("target", "jwks-rotation-test", "jwks.json");
    private static final KeyPair A = rsa();
    private static final KeyPair B = rsa();

    public static class JwksIssuer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a key of its own: the profile may run in another class loader than the test (other static A and B)
            serve(rsa(), "boot");
            String jwks = JwksServer.start() + "/jwks";
            return Map.of(
                    "mp.jwt.verify.publickey.location", jwks,
                    // the %test profile's own key file would win over the unprofiled name
                    "%test.mp.jwt.verify.publickey.location", jwks,
                    // refetch the JWKS as soon as a token names a kid it does not hold (minutes; 0: at once)
                    "smallrye.jwt.jwks.forced-refresh-interval", "0");
        }
    }

    @Test
    void tokensVerify_againstTheJwks_andFollowAKeyRotation() {
        serve(A, "key-a");
        String signedByA = token(A, "key-a");
        String signedByB = token(B, "key-b");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(signedByA).get("/q/openapi").then().statusCode(200));
        given().auth().oauth2(signedByB).get("/q/openapi").then().statusCode(401); // B is not published yet
        given().auth().oauth2(TestTokens.employee("erin", "auditors")).get("/q/openapi").then().statusCode(401);

        serve(B, "key-b"); // the IdP rotates: B in, A out

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(signedByB).get("/q/openapi").then().statusCode(200));
        given().auth().oauth2(token(B, "key-b")).get("/q/openapi").then().statusCode(200);
        given().auth().oauth2(signedByA).get("/q/openapi").then().statusCode(401);
    }

    private static String token(KeyPair key, String kid) {
        return TestTokens.sign(TestTokens.claims("erin", List.of("auditors"), "EMPLOYEE", true), key.getPrivate(), kid);
    }

    static void serve(KeyPair key, String kid) {
        RSAPublicKey pub = (RSAPublicKey) key.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                + b64(pub.getModulus()) + "\",\"e\":\"" + b64(pub.getPublicExponent()) + "\"}]}";
        try {
            Files.createDirectories(JWKS.getParent());
            Files.writeString(JWKS, jwks);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length); // unsigned, as JWK wants
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The IdP's JWKS endpoint on a free loopback port; serves the current {@link #JWKS} file. */
    static final class JwksServer {
        private static String url;

        static synchronized String start() {
            if (url == null) {
                try {
                    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                    server.createContext("/jwks", exchange -> {
                        byte[] body = Files.readString(JWKS).getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().add("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    });
                    server.start();
                    url = "http://127.0.0.1:" + server.getAddress().getPort();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return url;
        }
    }
}
