package io.eer.support.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import io.eer.support.problem.Problem.Violation;
import io.quarkus.security.AuthenticationFailedException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bearer-token mechanism, with two additions: a verified token must also pass {@link TokenRules} (fail closed
 * on missing or implausible claims), and its 401 challenge carries an RFC 9457 problem body (naming the refused
 * claim when there is one), so a caller learns what to send.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ProblemChallengingJwtMechanism implements HttpAuthenticationMechanism {

    private final JWTAuthMechanism delegate;
    private final ObjectMapper json;
    private final TokenSettings settings;
    private final Clock clock;

    ProblemChallengingJwtMechanism(JWTAuthMechanism delegate, ObjectMapper json, TokenSettings settings, Clock clock) {
        this.delegate = delegate;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    /** Verified by smallrye-jwt, then held to {@link TokenRules}: a token missing what we rely on is refused. */
    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return delegate.authenticate(context, identityProviderManager).onItem().transformToUni(identity -> {
            if (identity != null && identity.getPrincipal() instanceof JsonWebToken jwt) {
                Optional<Violation> refused = TokenRules.check(jwt, clock.instant(), settings.maxTokenAge(),
                        settings.clockSkew(), settings.claims().employeeType(), settings.claims().authTime());
                if (refused.isPresent()) {
                    context.put(Unauthorized.REFUSED_CLAIM, refused.get());
                    return Uni.createFrom().failure(new AuthenticationFailedException(refused.get().message()));
                }
            }
            return Uni.createFrom().item(identity);
        });
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return delegate.getChallenge(context);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        Unauthorized.send(context, json);
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return delegate.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return delegate.getCredentialTransport(context);
    }
}
