package io.eer.grant.infra.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PasswordUtil;

class ScramTest {

    @Test
    void verifier_matchesThePostgresDriversEncoding() {
        char[] password = "Zq8mR2xT7vK4pN9wB3cD6fH5jL1sA0eY".toCharArray();
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);

        String verifier = Scram.verifier(password, salt, Scram.ITERATIONS);

        assertThat(verifier).isEqualTo(PasswordUtil.encodeScramSha256(password, Scram.ITERATIONS, salt));
    }

    @Test
    void verifier_neverContainsThePassword() {
        String verifier = Scram.verifier("plaintext-secret".toCharArray(), new SecureRandom());

        assertThat(verifier).startsWith("SCRAM-SHA-256$4096:").doesNotContain("plaintext-secret");
    }
}
