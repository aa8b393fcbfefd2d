package io.eer.grant.application;

import io.eer.grant.config.GatewayAccess;
import io.eer.grant.domain.GrantAccessRules;
import io.eer.grant.domain.GrantRefusal;
import io.eer.grant.domain.GrantStatus;
import io.eer.grant.infra.out.CredentialVault;
import io.eer.grant.projection.GatewaySecret;
import io.eer.grant.projection.GrantCredential;
import io.eer.grant.projection.GrantView;
import io.eer.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * Hands the issued secret to the beneficiary, once: it is decrypted, returned and wiped in one transaction, with
 * the credential row locked, so two concurrent fetches cannot both succeed. Call inside a transaction.
 *
 * <p>For a system behind the session gateway ({@code eer.grant.gateway.systems}) the beneficiary never gets the target
 * login's password: each call issues a new one-time secret for the gateway (short-lived, redeemed once by
 * {@link RedeemGatewaySecret}), and the sealed password stays until the grant ends, for the gateway only.
 */
@ApplicationScoped
public class FetchCredentials {

    private static final Logger LOG = Logger.getLogger(FetchCredentials.class);

    private final CredentialVault vault;
    private final Clock clock;
    private final GatewayAccess gateway;
    private final SecureRandom random = new SecureRandom();

    FetchCredentials(CredentialVault vault, Clock clock, GatewayAccess gateway) {
        this.vault = vault;
        this.clock = clock;
        this.gateway = gateway;
    }

    /** What the beneficiary gets: the target login (direct) or a one-time secret for the gateway. */
    public sealed interface Answer permits Credentials, GatewayCredentials {
    }

    /**
     * A one-time secret for the session gateway: connect to {@code host:port/database} as {@code user} with
     * {@code secret} as the password before {@code secretExpiresAt}; the session lasts until {@code expiresAt}.
     */
    public record GatewayCredentials(String via, String user, String secret, String host, Integer port,
            String database, String sslmode, String jdbcUrl, Instant secretExpiresAt, Instant expiresAt)
            implements Answer {
        @Override
        public String toString() {
            return "GatewayCredentials[user=" + user + ", secret=redacted]";
        }
    }

    public record Credentials(String username, String password, String host, Integer port, String database,
            String jdbcUrl, Instant expiresAt) implements Answer {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=redacted]";
        }
    }

    public Uni<Answer> execute(String grantId, Caller caller) {
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
            if (gateway.covers(view.system)) {
                return GrantCredential.<GrantCredential>findById(grantId)
                        .chain(credential -> issueGatewaySecret(view, credential, caller));
            }
            return GrantCredential.lockedById(grantId).map(credential -> deliver(view, credential, caller));
        });
    }

    private Uni<Answer> issueGatewaySecret(GrantView view, GrantCredential credential, Caller caller) {
        Instant now = clock.instant();
        if (view.status != GrantStatus.ACTIVE || !now.isBefore(view.expiresAt) || credential == null
                || !credential.present()) {
            throw new Refused(GrantRefusal.GRANT_ENDED, "grant " + view.grantId + " is not active; no secret is issued");
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        GatewaySecret row = new GatewaySecret();
        row.secretHash = hash(secret);
        row.grantId = view.grantId;
        row.issuedTo = caller.id();
        row.issuedAt = now;
        Instant ttl = now.plus(gateway.secretTtl());
        row.expiresAt = ttl.isBefore(view.expiresAt) ? ttl : view.expiresAt;
        LOG.infof("grant %s: gateway secret issued to %s", view.grantId, caller.id());
        String jdbcUrl = "jdbc:postgresql://" + gateway.host() + ":" + gateway.port() + "/" + view.loginDatabase
                + "?sslmode=require";
        return row.<GatewaySecret>persist().replaceWith(new GatewayCredentials("session-gateway", view.grantId,
                secret, gateway.host(), gateway.port(), view.loginDatabase, "require", jdbcUrl, row.expiresAt,
                view.expiresAt));
    }

    /** The SHA-256 (hex) a gateway secret is kept and looked up by. */
    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer deliver(GrantView view, GrantCredential credential, Caller caller) {
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
