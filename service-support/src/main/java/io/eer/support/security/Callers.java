package io.eer.support.security;

import io.eer.contracts.events.Values.PrincipalType;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The verified caller of the current REST request: sub, groups, employee_type, amr (RFC 8176), auth_time from
 * the JWT. Inject this and call {@link #current()} (resources are singletons; this bean is request scoped).
 */
@RequestScoped
public class Callers {

    private final JsonWebToken jwt;

    Callers(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public Caller current() {
        String type = text(jwt.getClaim("employee_type"));
        Object authTime = jwt.getClaim("auth_time");
        return new Caller(
                jwt.getSubject(),
                "CONTRACTOR".equalsIgnoreCase(type) ? PrincipalType.CONTRACTOR : PrincipalType.EMPLOYEE,
                jwt.getGroups(),
                strings(jwt.getClaim("amr")),
                authTime instanceof Number seconds ? Instant.ofEpochSecond(seconds.longValue())
                        : authTime instanceof JsonNumber number ? Instant.ofEpochSecond(number.longValue())
                        : Instant.ofEpochSecond(jwt.getIssuedAtTime()));
    }

    private static String text(Object claim) {
        return claim instanceof JsonString string ? string.getString() : claim == null ? null : claim.toString();
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof JsonArray array) {
            return array.stream().filter(JsonString.class::isInstance)
                    .map(value -> ((JsonString) value).getString()).toList();
        }
        return List.of();
    }
}
