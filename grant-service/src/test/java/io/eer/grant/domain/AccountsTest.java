package io.eer.grant.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccountsTest {

    @Test
    void forRequest_isDeterministic_distinctPerRequest_andReconcilable() {
        String account = Accounts.forRequest("9b1c0a2e-1111-4222-8333-444455556666");

        assertThat(account).isEqualTo(Accounts.forRequest("9b1c0a2e-1111-4222-8333-444455556666"))
                .isNotEqualTo(Accounts.forRequest("9b1c0a2e-1111-4222-8333-444455556667"))
                .matches("eer_[0-9a-f]{32}");
        assertThat(Accounts.isReconcilable(account)).isTrue();
        assertThat(Accounts.isTemporaryAccount(account)).isTrue();
        assertThat(Accounts.forRequest("x\"; drop role db_admin; --")).matches("eer_[0-9a-f]{32}");
        assertThatThrownBy(() -> Accounts.forRequest("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isReconcilable_neverMatchesServiceRoles() {
        assertThat(Accounts.isReconcilable("eer_grant_connector")).isFalse();
        assertThat(Accounts.isReconcilable("eer_audit_writer")).isFalse();
        assertThat(Accounts.isReconcilable("eer")).isFalse();
        assertThat(Accounts.isReconcilable("eer_abc")).isFalse();
    }

    @Test
    void forGrant_fromUuid_isEerPrefixedHexWithinPostgresLimit() {
        String account = Accounts.forGrant("3F2504E0-4F89-11D3-9A0C-0305E82C3301");

        assertThat(account).isEqualTo("eer_3f2504e04f8911d39a0c0305e82c3301");
        assertThat(account.length()).isLessThanOrEqualTo(Accounts.MAX_IDENTIFIER);
        assertThat(Accounts.isTemporaryAccount(account)).isTrue();
    }

    @Test
    void forGrant_dropsEverythingButLettersAndDigits_andTruncates() {
        assertThat(Accounts.forGrant("g-1\"; drop role x; --")).isEqualTo("eer_g1droprolex");
        assertThat(Accounts.forGrant("a".repeat(100))).hasSize(63);
    }

    @Test
    void forGrant_withNothingUsable_isRefused() {
        assertThatThrownBy(() -> Accounts.forGrant("--")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Accounts.forGrant(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isIdentifier_acceptsPlainNamesOnly() {
        assertThat(Accounts.isIdentifier("db_admin")).isTrue();
        assertThat(Accounts.isIdentifier("_x1")).isTrue();
        assertThat(Accounts.isIdentifier("db_admin; DROP TABLE payments.invoices")).isFalse();
        assertThat(Accounts.isIdentifier("\"db_admin\"")).isFalse();
        assertThat(Accounts.isIdentifier("1role")).isFalse();
        assertThat(Accounts.isIdentifier("")).isFalse();
        assertThat(Accounts.isIdentifier(null)).isFalse();
        assertThat(Accounts.isIdentifier("a".repeat(64))).isFalse();
    }

    @Test
    void isTemporaryAccount_refusesOrdinaryRoles() {
        assertThat(Accounts.isTemporaryAccount("db_admin")).isFalse();
        assertThat(Accounts.isTemporaryAccount("eer")).isFalse();
        assertThat(Accounts.isTemporaryAccount("eer_")).isFalse();
    }

    @Test
    void directoryAccount_isADistinguishedName_neverAPlainNameNorControlCharacters() {
        assertThat(Accounts.isDirectoryAccount("uid=carol,ou=people,dc=eer,dc=local")).isTrue();
        assertThat(new LoginName("uid=carol,ou=people,dc=eer,dc=local").value()).startsWith("uid=carol");
        assertThat(Accounts.isDirectoryAccount("postgres")).isFalse();
        assertThat(Accounts.isDirectoryAccount("uid=carol" + (char) 10 + ",ou=people")).isFalse();
        assertThat(Accounts.isDirectoryAccount("uid=carol" + (char) 0)).isFalse();
        assertThat(Accounts.isDirectoryAccount("uid=" + "a".repeat(448))).isFalse();
        assertThat(Accounts.isDirectoryAccount(null)).isFalse();
        // a directory entry is never one of EER's own logins, so nothing may drop it as one
        assertThat(Accounts.isTemporaryAccount("uid=carol,ou=people,dc=eer,dc=local")).isFalse();
    }
}
