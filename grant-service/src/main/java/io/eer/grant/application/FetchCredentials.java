package io.eer.grant.application;

import io.eer.grant.domain.GrantAccessRules;
import io.eer.grant.domain.GrantRefusal;
import io.eer.grant.domain.GrantStatus;
import io.eer.grant.infra.out.CredentialVault;
import io.eer.grant.projection.GrantCredential;
import io.eer.grant.projection.GrantView;
import io.eer.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import org.jboss.logging.Logger;

/**
 * Hands the issued secret to the beneficiary, once: it is decrypted, returned and wiped in one transaction, with
 * the credential row locked, so two concurrent fetches cannot both succeed. Call inside a transaction.
 */
@ApplicationScoped
public class FetchCredentials {

    private static final Logger LOG = Logger.getLogger(FetchCredentials.class);

    private final CredentialVault vault;
    private final Clock clock;

    FetchCredentials(CredentialVault vault, Clock clock) {
        this.vault = vault;
        this.clock = clock;
    }

    public record Credentials(String username, String password, String host, Integer port, String database,
            String jdbcUrl, Instant expiresAt) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=redacted]";
        }
    }

    public Uni<Credentials> execute(String grantId, Caller caller) {
        return GrantView.<GrantView>findById(grantId).chain(view -> {
            if (view == null) {
                throw new Refused(GrantRefusal.UNKNOWN_GRANT, "grant " + grantId + " does not exist");
            }
            if (!GrantAccessRules.mayFetchCredentials(caller.id(), view.beneficiary)) {
                throw new Refused(GrantRefusal.NOT_ALLOWED, "only the beneficiary of grant " + grantId
                        + " may fetch its credentials");
            }
            if (view.status == GrantStatus.FAILED) {
                throw new Refused(GrantRefusal.GRANT_FAILED, "grant " + grantId + " failed; there are no credentials");
            }
            return GrantCredential.lockedById(grantId).map(credential -> deliver(view, credential, caller));
        });
    }

    private Credentials deliver(GrantView view, GrantCredential credential, Caller caller) {
        if (credential == null) {
            throw new Refused(GrantRefusal.UNKNOWN_GRANT, "credentials of grant " + view.grantId + " do not exist");
        }
        if (credential.fetchedAt != null) {
            throw new Refused(GrantRefusal.CREDENTIALS_FETCHED_ONCE, "the credentials of grant " + view.grantId
                    + " were fetched at " + credential.fetchedAt + "; they are handed out only once");
        }
        if (!credential.present()) {
            throw new Refused(GrantRefusal.GRANT_ENDED, "grant " + view.grantId + " has ended; its credentials were "
                    + "destroyed unfetched");
        }
        byte[] plaintext;
        try {
            plaintext = vault.open(view.grantId, credential.keyId, credential.nonce, credential.ciphertext);
        } catch (CredentialVault.Unreadable e) {
            LOG.errorf("grant %s: %s (was its key removed from eer.grant.credential-keys?)", view.grantId,
                    e.getMessage());
            throw new Refused(GrantRefusal.CREDENTIALS_UNAVAILABLE, "the credentials of grant " + view.grantId
                    + " can no longer be decrypted (the service's key changed); ask for a new grant");
        }
        String password = new String(plaintext, StandardCharsets.UTF_8);
        Arrays.fill(plaintext, (byte) 0);
        Instant now = clock.instant();
        credential.fetchedAt = now;
        credential.wipe(GrantCredential.WIPED_FETCHED, now);
        LOG.infof("grant %s: credentials fetched by %s", view.grantId, caller.id());
        String jdbcUrl = view.loginHost == null ? null
                : "jdbc:postgresql://" + view.loginHost + ":" + view.loginPort + "/" + view.loginDatabase;
        return new Credentials(view.account, password, view.loginHost, view.loginPort, view.loginDatabase, jdbcUrl,
                view.expiresAt);
    }
}
