package io.eer.grant.application;

import io.eer.grant.domain.GrantAccessRules;
import io.eer.grant.domain.GrantStatus;
import io.eer.grant.infra.CredentialVault;
import io.eer.grant.projection.GrantCredential;
import io.eer.grant.projection.GrantView;
import io.eer.support.problem.Problem;
import io.eer.support.problem.ProblemException;
import io.eer.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
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
                throw ProblemException.notFound("grant " + grantId);
            }
            if (!GrantAccessRules.mayFetchCredentials(caller.id(), view.beneficiary)) {
                throw ProblemException.forbidden("only the beneficiary of grant " + grantId + " may fetch its credentials");
            }
            if (view.status == GrantStatus.FAILED) {
                throw problem(409, "Conflict", "grant-failed", "grant " + grantId + " failed; there are no credentials");
            }
            return GrantCredential.lockedById(grantId).map(credential -> deliver(view, credential, caller));
        });
    }

    private Credentials deliver(GrantView view, GrantCredential credential, Caller caller) {
        if (credential == null) {
            throw ProblemException.notFound("credentials of grant " + view.grantId);
        }
        if (credential.fetchedAt != null) {
            throw problem(410, "Gone", "credentials-fetched-once", "the credentials of grant " + view.grantId
                    + " were fetched at " + credential.fetchedAt + "; they are handed out only once");
        }
        if (!credential.present()) {
            throw problem(410, "Gone", "grant-ended", "grant " + view.grantId + " has ended; its credentials were "
                    + "destroyed unfetched");
        }
        byte[] plaintext;
        try {
            plaintext = vault.open(view.grantId, credential.keyId, credential.nonce, credential.ciphertext);
        } catch (CredentialVault.Unreadable e) {
            LOG.errorf("grant %s: %s (was its key removed from eer.grant.credential-keys?)", view.grantId,
                    e.getMessage());
            throw problem(410, "Gone", "credentials-unavailable", "the credentials of grant " + view.grantId
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

    static ProblemException problem(int status, String title, String rule, String message) {
        return new ProblemException(Problem.invalid(status, title, List.of(new Problem.Violation("grantId", rule, message))));
    }
}
