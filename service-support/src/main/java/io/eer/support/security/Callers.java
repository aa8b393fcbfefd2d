package io.eer.support.security;

import io.eer.contracts.events.Values.PrincipalType;
import io.eer.support.problem.Problem;
import io.eer.support.problem.Problem.Violation;
import io.eer.support.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The verified caller of the current REST request: sub, groups, employee_type, amr (RFC 8176), auth_time from
 * the JWT. Inject this and call {@link #current()} (resources are singletons; this bean is request scoped).
 */
@RequestScoped
public class Callers {

    private final JsonWebToken jwt;
    private final TokenSettings.Claims claims;

    Callers(JsonWebToken jwt, TokenSettings settings) {
        this.jwt = jwt;
        this.claims = settings.claims();
    }

    /** The caller; a token without {@code sub} or a known {@code employee_type} never gets here (fail closed). */
    public Caller current() {
        String sub = jwt.getSubject();
        if (sub == null || sub.isBlank()) {
            throw refused("sub", "required", "the token must name its subject (sub)");
        }
        Object claim = jwt.getClaim(claims.employeeType());
        String type = claim == null ? "" : text(claim).toUpperCase(java.util.Locale.ROOT);
        if (!TokenRules.EMPLOYEE_TYPES.contains(type)) {
            throw refused(claims.employeeType(), claim == null ? "required" : "one-of",
                    claims.employeeType() + " must be EMPLOYEE or CONTRACTOR");
        }
        return new Caller(
                sub,
                PrincipalType.valueOf(type),
                jwt.getGroups() == null ? java.util.Set.of() : jwt.getGroups(),
                methods(jwt.getClaim(claims.amr())),
                authTime(jwt.getClaim(claims.authTime())));
    }

    private static ProblemException refused(String claim, String rule, String message) {
        return new ProblemException(Problem.invalid(401, "Unauthorized", List.of(new Violation(claim, rule, message))));
    }

    /**
     * {@code amr} in whatever shape smallrye-jwt hands it over: MicroProfile JWT declares it a String claim, so a JSON
     * array may arrive as a JsonArray, a collection, or its JSON text.
     */
    static List<String> methods(Object claim) {
        if (claim == null) {
            return List.of();
        }
        if (claim instanceof JsonArray array) {
            return array.stream().map(Callers::text).toList();
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(Callers::text).toList();
        }
        String text = text(claim).trim();
        if (text.startsWith("[")) {
            try (JsonReader reader = Json.createReader(new StringReader(text))) {
                return reader.readArray().stream().map(Callers::text).toList();
            } catch (RuntimeException e) {
                return List.of();
            }
        }
        return text.isEmpty() ? List.of() : List.of(text.split("[\\s,]+"));
    }

    /** When the person authenticated; absent stays absent (iat says when the token was issued, not that). */
    static Instant authTime(Object claim) {
        if (claim instanceof JsonNumber number) {
            return Instant.ofEpochSecond(number.longValue());
        }
        if (claim instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        return null;
    }

    private static String text(Object value) {
        if (value instanceof JsonString string) {
            return string.getString();
        }
        return value instanceof JsonValue json ? json.toString() : String.valueOf(value);
    }
}
