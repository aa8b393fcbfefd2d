package io.eer.grant.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialVaultTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void sealedSecret_opensForTheSameGrant() throws Exception {
        CredentialVault vault = new CredentialVault(Optional.of(KEY));

        CredentialVault.Sealed sealed = vault.seal("g-1", "s3cret".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
        assertThat(vault.open("g-1", sealed.nonce(), sealed.ciphertext())).asString(StandardCharsets.UTF_8)
                .isEqualTo("s3cret");
    }

    @Test
    void sealedSecret_doesNotOpenForAnotherGrant() {
        CredentialVault vault = new CredentialVault(Optional.of(KEY));
        CredentialVault.Sealed sealed = vault.seal("g-1", "s3cret".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> vault.open("g-2", sealed.nonce(), sealed.ciphertext()))
                .isInstanceOf(CredentialVault.Unreadable.class);
    }

    @Test
    void sealedSecret_doesNotOpenAfterTheKeyChanged() {
        CredentialVault.Sealed sealed = new CredentialVault(Optional.of(KEY))
                .seal("g-1", "s3cret".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> new CredentialVault(Optional.empty()).open("g-1", sealed.nonce(), sealed.ciphertext()))
                .isInstanceOf(CredentialVault.Unreadable.class);
    }

    @Test
    void key_mustBe32BytesOfBase64() {
        assertThatThrownBy(() -> new CredentialVault(Optional.of("not base64!")))
                .hasMessageContaining("EER_GRANT_CREDENTIAL_KEY");
        assertThatThrownBy(() -> new CredentialVault(Optional.of(Base64.getEncoder().encodeToString(new byte[16]))))
                .hasMessageContaining("32 bytes");
    }
}
