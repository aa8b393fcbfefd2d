package io.eer.support.security;

import io.eer.support.problem.Problem.Violation;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Fail-closed claim rules: a token whose signature, issuer and audience are good is still refused when it names no
 * subject, no known {@code employee_type}, has no {@code exp} or {@code iat}, was issued longer ago than
 * {@code eer.jwt.max-token-age}, or claims an issue or authentication time in the future (beyond
 * {@code eer.jwt.clock-skew}). Anything the policy relies on must be present and plausible, never defaulted.
 */
public final class TokenRules {

    public static final Set<String> EMPLOYEE_TYPES = Set.of("EMPLOYEE", "CONTRACTOR");

    private TokenRules() {
    }

    public static Optional<Violation> check(JsonWebToken jwt, Instant now, Duration maxAge, Duration skew) {
        return check(jwt, now, maxAge, skew, "employee_type", "auth_time");
    }

    /**
     * As {@link #check(JsonWebToken, Instant, Duration, Duration)}, reading employee type and authentication time
     * from the configured claims ({@code eer.jwt.claims.*}); a refusal names the claim the token should have had.
     */
    public static Optional<Violation> check(JsonWebToken jwt, Instant now, Duration maxAge, Duration skew,
            String employeeTypeClaim, String authTimeClaim) {
        String sub = jwt.getSubject();
        if (sub == null || sub.isBlank()) {
            return refuse("sub", "required", "the token must name its subject (sub)");
        }
        Object type = jwt.getClaim(employeeTypeClaim);
        if (type == null) {
            return refuse(employeeTypeClaim, "required",
                    "the token must say " + employeeTypeClaim + " (EMPLOYEE or CONTRACTOR)");
        }
        String typeText = type instanceof JsonString string ? string.getString() : String.valueOf(type);
        if (!EMPLOYEE_TYPES.contains(typeText.toUpperCase(java.util.Locale.ROOT))) {
            return refuse(employeeTypeClaim, "one-of", employeeTypeClaim + " must be EMPLOYEE or CONTRACTOR");
        }
        Long exp = seconds(jwt.getClaim("exp"));
        if (exp == null) {
            return refuse("exp", "required", "the token must carry an expiry (exp)");
        }
        Long iat = seconds(jwt.getClaim("iat"));
        if (iat == null) {
            return refuse("iat", "required", "the token must say when it was issued (iat)");
        }
        Instant latest = now.plus(skew);
        if (Instant.ofEpochSecond(iat).isAfter(latest)) {
            return refuse("iat", "not-in-future", "the token claims to be issued in the future");
        }
        if (Instant.ofEpochSecond(iat).isBefore(now.minus(maxAge))) {
            return refuse("iat", "max-token-age", "the token was issued more than " + maxAge + " ago; get a new one");
        }
        Object authTime = jwt.getClaim(authTimeClaim);
        if (authTime != null) {
            Long at = seconds(authTime);
            if (at == null) {
                return refuse(authTimeClaim, "type", authTimeClaim + " must be seconds since the epoch");
            }
            if (Instant.ofEpochSecond(at).isAfter(latest)) {
                return refuse(authTimeClaim, "not-in-future", authTimeClaim + " lies in the future");
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> refuse(String claim, String rule, String message) {
        return Optional.of(new Violation(claim, rule, message));
    }

    static Long seconds(Object claim) {
        if (claim instanceof JsonNumber number) {
            return number.isIntegral() ? number.longValue() : null;
        }
        if (claim instanceof Long || claim instanceof Integer) {
            return ((Number) claim).longValue();
        }
        return null;
    }
}
