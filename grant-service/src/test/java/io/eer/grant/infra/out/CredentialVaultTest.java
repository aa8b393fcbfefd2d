package io.eer.grant.infra.out;

import io.eer.grant.config.CredentialKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialVaultTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER = Base64.getEncoder().encodeToString(filled(7));

    private static CredentialVault vault(String key) {
        return new CredentialVault(CredentialKeys.parse(Optional.of(key), Optional.empty(), Optional.empty()));
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void sealedSecret_opensForTheSameGrant() throws Exception {
        CredentialVault vault = vault(KEY);

        CredentialVault.Sealed sealed = vault.seal("g-1", "s3cret".getBytes(StandardCharsets.UTF_8));

        assertThat(sealed.keyId()).isEqualTo("default");
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
        assertThat(vault.open("g-1", sealed.keyId(), sealed.nonce(), sealed.ciphertext()))
                .asString(StandardCharsets.UTF_8).isEqualTo("s3cret");
    }

    @Test
    void sealedSecret_stillOpensAfterARestartWithTheSameKeys() throws Exception {
        CredentialVault.Sealed sealed = vault(KEY).seal("g-1", "s3cret".getBytes(StandardCharsets.UTF_8));

        // a new instance is what a restart gives: same configuration, nothing else carried over
        assertThat(vault(KEY).open("g-1", sealed.keyId(), sealed.nonce(), sealed.ciphertext()))
                .asString(StandardCharsets.UTF_8).isEqualTo("s3cret");
    }

    @Test
    void rotatedKeys_sealWithTheCurrentKey_andStillOpenWhatTheOldOneSealed() throws Exception {
        CredentialVault.Sealed old = vault(KEY).seal("g-1", "old".getBytes(StandardCharsets.UTF_8));
        CredentialVault rotated = new CredentialVault(CredentialKeys.parse(Optional.of(KEY),
                Optional.of("2027a:" + OTHER), Optional.of("2027a")));

        CredentialVault.Sealed fresh = rotated.seal("g-2", "new".getBytes(StandardCharsets.UTF_8));

        assertThat(fresh.keyId()).isEqualTo("2027a");
        assertThat(rotated.open("g-1", old.keyId(), old.nonce(), old.ciphertext())).asString(StandardCharsets.UTF_8)
                .isEqualTo("old");
        assertThat(rotated.open("g-2", fresh.keyId(), fresh.nonce(), fresh.ciphertext()))
                .asString(StandardCharsets.UTF_8).isEqualTo("new");
        // sealed before key ids existed (no id stored): the default key opens it
        assertThat(rotated.open("g-1", null, old.nonce(), old.ciphertext())).asString(StandardCharsets.UTF_8)
                .isEqualTo("old");
        assertThatThrownBy(() -> vault(KEY).open("g-2", fresh.keyId(), fresh.nonce(), fresh.ciphertext()))
                .isInstanceOf(CredentialVault.Unreadable.class).hasMessageContaining("2027a");
    }

    @Test
    void sealedSecret_doesNotOpenForAnotherGrant() {
        CredentialVault vault = vault(KEY);
        CredentialVault.Sealed sealed = vault.seal("g-1", "s3cret".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> vault.open("g-2", sealed.keyId(), sealed.nonce(), sealed.ciphertext()))
                .isInstanceOf(CredentialVault.Unreadable.class);
    }

    @Test
    void sealedSecret_doesNotOpenWithAnotherKeyUnderTheSameId() {
        CredentialVault.Sealed sealed = vault(KEY).seal("g-1", "s3cret".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> vault(OTHER).open("g-1", sealed.keyId(), sealed.nonce(), sealed.ciphertext()))
                .isInstanceOf(CredentialVault.Unreadable.class);
    }

    @Test
    void missingKey_refusesToStart_namingTheSetting() {
        assertThatThrownBy(() -> CredentialKeys.parse(Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("EER_GRANT_CREDENTIAL_KEY")
                .hasMessageContaining("eer.grant.credential-key");
        assertThatThrownBy(() -> CredentialKeys.parse(Optional.of(" "), Optional.of(""), Optional.empty()))
                .hasMessageContaining("is required");
    }

    @Test
    void key_mustBe32BytesOfBase64_andTheCurrentIdMustExist() {
        assertThatThrownBy(() -> CredentialKeys.parse(Optional.of("not base64!"), Optional.empty(), Optional.empty()))
                .hasMessageContaining("EER_GRANT_CREDENTIAL_KEY");
        assertThatThrownBy(() -> CredentialKeys.parse(Optional.of(Base64.getEncoder().encodeToString(new byte[16])),
                Optional.empty(), Optional.empty())).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> CredentialKeys.parse(Optional.of(KEY), Optional.empty(), Optional.of("k9")))
                .hasMessageContaining("eer.grant.credential-key-id").hasMessageContaining("k9");
        assertThatThrownBy(() -> CredentialKeys.parse(Optional.empty(), Optional.of("no-colon"), Optional.empty()))
                .hasMessageContaining("id:base64");
        assertThat(CredentialKeys.parse(Optional.empty(), Optional.of("only:" + KEY), Optional.empty()).currentId())
                .isEqualTo("only");
        assertThat(CredentialKeys.parse(Optional.of(KEY), Optional.empty(), Optional.empty()).toString())
                .doesNotContain(KEY);
    }
}
