package io.eer.support.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Claim rules every service applies to a verified token, beyond signature, issuer, audience and expiry (which
 * smallrye-jwt checks): see {@link TokenRules}.
 */
@ConfigMapping(prefix = "eer.jwt")
public interface TokenSettings {

    /** A token issued ({@code iat}) longer ago than this is refused, whatever its {@code exp} says. */
    @WithDefault("PT12H")
    Duration maxTokenAge();

    /** How far ahead of our clock {@code iat} and {@code auth_time} may be (the IdP's clock drifts a little). */
    @WithDefault("PT60S")
    Duration clockSkew();
}
