package io.eer.grant.infra.out.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An LDAP or webhook target that cannot work stops the start, naming the setting; no secret in the message. */
class ConnectorSettingsTest {

    private static Map<String, String> ldap() {
        Map<String, String> settings = new HashMap<>();
        settings.put("url", "ldap://127.0.0.1:10389");
        settings.put("username", "cn=eer-grant-connector,ou=services,dc=eer,dc=local");
        settings.put("password", "bind-secret-never-shown");
        settings.put("user-base-dn", "ou=people,dc=eer,dc=local");
        settings.put("group-base-dn", "ou=groups,dc=eer,dc=local");
        settings.put("roles", "corp_admins");
        return settings;
    }

    @Test
    void ldapTarget_complete_isBuilt_andItsDescriptionHidesTheBindPassword() {
        Connector connector = new LdapConnectorFactory(null).create("corp-directory", new TestTarget("ldap", ldap()));

        assertThat(connector.sharesAccounts()).isTrue();
        assertThat(connector.toString()).contains("127.0.0.1:10389").doesNotContain("bind-secret-never-shown");
    }

    @Test
    void ldapTarget_missingOrBadSetting_stopsTheStart_namingIt() {
        for (String missing : new String[] {"url", "username", "password", "user-base-dn", "group-base-dn", "roles"}) {
            Map<String, String> settings = ldap();
            settings.remove(missing);
            assertThatThrownBy(() -> new LdapConnectorFactory(null).create("corp-directory",
                    new TestTarget("ldap", settings)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("eer.grant.targets.\"corp-directory\"." + missing)
                    .hasMessageNotContaining("bind-secret-never-shown");
        }
        Map<String, String> http = ldap();
        http.put("url", "http://127.0.0.1:10389");
        assertThatThrownBy(() -> new LdapConnectorFactory(null).create("corp-directory", new TestTarget("ldap", http)))
                .hasMessageContaining(".url");
        Map<String, String> injected = ldap();
        injected.put("roles", "corp_admins,x)(member=*");
        assertThatThrownBy(() -> new LdapConnectorFactory(null).create("corp-directory",
                new TestTarget("ldap", injected))).hasMessageContaining(".roles");
    }

    @Test
    void webhookTarget_withoutSecret_stopsTheStart_callsAreNeverUnsigned() {
        Map<String, String> settings = new HashMap<>(Map.of("url", "https://partner.example/eer"));
        assertThatThrownBy(() -> new WebhookConnectorFactory(null, null).create("partner-portal",
                new TestTarget("webhook", settings)))
                .hasMessageContaining("eer.grant.targets.\"partner-portal\".secret");
        settings.put("secret", " ");
        assertThatThrownBy(() -> new WebhookConnectorFactory(null, null).create("partner-portal",
                new TestTarget("webhook", settings)))
                .hasMessageContaining(".secret");
        settings.put("secret", "s3cret");
        settings.put("url", "ftp://partner.example/eer");
        assertThatThrownBy(() -> new WebhookConnectorFactory(null, null).create("partner-portal",
                new TestTarget("webhook", settings)))
                .hasMessageContaining(".url");
    }
}
