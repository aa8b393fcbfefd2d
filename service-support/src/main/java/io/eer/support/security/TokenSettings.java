package io.eer.support.security;

import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMin;
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
    @DurationMin(seconds = 1)
    Duration maxTokenAge();

    /** How far ahead of our clock {@code iat} and {@code auth_time} may be (the IdP's clock drifts a little). */
    @WithDefault("PT60S")
    @DurationMin(millis = 0)
    Duration clockSkew();

    /**
     * The PEM public key file (EER_JWT_PUBLIC_KEY); smallrye-jwt reads it through mp.jwt.verify.publickey.location
     * unless an IdP's JWKS URL (EER_JWT_JWKS_URL) is set there instead.
     */
    @WithDefault("../.eer/keys/publicKey.pem")
    String publicKey();

    /**
     * Which claims carry what EER reads from a token, for an IdP that names them differently (README, "Any OIDC
     * provider"). Groups are renamed with smallrye-jwt's own {@code smallrye.jwt.path.groups} (EER_JWT_GROUPS_CLAIM).
     */
    Claims claims();

    interface Claims {
        /** The claim holding EMPLOYEE or CONTRACTOR (EER_JWT_EMPLOYEE_TYPE_CLAIM). */
        @WithDefault("employee_type")
        @NotBlank
        String employeeType();

        /** RFC 8176 authentication methods (EER_JWT_AMR_CLAIM). */
        @WithDefault("amr")
        @NotBlank
        String amr();

        /** When the person authenticated, seconds since the epoch (EER_JWT_AUTH_TIME_CLAIM). */
        @WithDefault("auth_time")
        @NotBlank
        String authTime();
    }
}
