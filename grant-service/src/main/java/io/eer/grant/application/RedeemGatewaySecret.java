package io.eer.grant.application;

import io.eer.grant.config.GatewayAccess;
import io.eer.grant.domain.GatewaySecretRefusal;
import io.eer.grant.domain.GrantStatus;
import io.eer.grant.infra.out.CredentialVault;
import io.eer.grant.projection.GrantCredential;
import io.eer.grant.projection.GrantView;
import io.eer.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import org.jboss.logging.Logger;

/**
 * The session gateway redeems a beneficiary's one-time secret: marked used in one conditional UPDATE (two concurrent
 * redeems of one secret: exactly one wins), then the grant must still be active and be the one the client named;
 * the answer is the temporary login and its password, which only the gateway ever sees. Call inside a transaction.
 */
@ApplicationScoped
public class RedeemGatewaySecret {

    private static final Logger LOG = Logger.getLogger(RedeemGatewaySecret.class);

    private final GatewayAccess gateway;
    private final CredentialVault vault;
    private final Clock clock;

    RedeemGatewaySecret(GatewayAccess gateway, CredentialVault vault, Clock clock) {
        this.gateway = gateway;
        this.vault = vault;
        this.clock = clock;
    }

    /** What the gateway needs to open the session on the target. {@link #toString()} hides the password. */
    public record GatewaySession(String grantId, String requestId, String system, String login, String password,
            String host, Integer port, String database, Instant expiresAt) {
        @Override
        public String toString() {
            return "GatewaySession[grantId=" + grantId + ", login=" + login + ", password=redacted]";
        }
    }

    public Uni<GatewaySession> execute(String secret, String user, String database, Caller caller) {
        if (!caller.groups().contains(gateway.group())) {
            return Uni.createFrom().failure(new Refused(GatewaySecretRefusal.NOT_A_GATEWAY,
                    "only the session gateway may redeem secrets"));
        }
        Instant now = clock.instant();
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "with taken as (update gateway_secret set redeemed_at = ?1, redeemed_by = ?2"
                                + " where secret_hash = ?3 and redeemed_at is null and expires_at > ?1"
                                + " returning grant_id) select grant_id from taken", String.class)
                        .setParameter(1, now).setParameter(2, caller.id())
                        .setParameter(3, FetchCredentials.hash(secret))
                        .getResultList())
                .chain(taken -> {
                    if (taken.isEmpty()) {
                        throw invalid();
                    }
                    String grantId = taken.get(0);
                    return GrantView.<GrantView>findById(grantId).chain(view -> {
                        if (view == null || view.status != GrantStatus.ACTIVE || !now.isBefore(view.expiresAt)
                                || !grantId.equals(user) || !String.valueOf(view.loginDatabase).equals(database)) {
                            throw invalid();
                        }
                        return GrantCredential.<GrantCredential>findById(grantId)
                                .map(credential -> open(view, credential, caller));
                    });
                });
    }

    private GatewaySession open(GrantView view, GrantCredential credential, Caller caller) {
        if (credential == null || !credential.present()) {
            throw invalid();
        }
        byte[] plaintext;
        try {
            plaintext = vault.open(view.grantId, credential.keyId, credential.nonce, credential.ciphertext);
        } catch (CredentialVault.Unreadable e) {
            LOG.errorf("grant %s: its sealed login cannot be opened for the gateway: %s", view.grantId, e.getMessage());
            throw invalid();
        }
        String password = new String(plaintext, StandardCharsets.UTF_8);
        Arrays.fill(plaintext, (byte) 0);
        LOG.infof("grant %s: gateway secret redeemed by %s", view.grantId, caller.id());
        return new GatewaySession(view.grantId, view.requestId, view.system, view.account, password, view.loginHost,
                view.loginPort, view.loginDatabase, view.expiresAt);
    }

    private static Refused invalid() {
        return new Refused(GatewaySecretRefusal.INVALID_SECRET,
                "the secret is unknown, used, expired or not for this grant");
    }
}
