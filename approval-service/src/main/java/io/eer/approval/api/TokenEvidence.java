package io.eer.approval.api;

import io.eer.contracts.events.Values.MfaEvidence;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller's authentication evidence for approver MFA, read strictly from the verified token: {@code amr}
 * (RFC 8176; smallrye-jwt may hand it over as a JSON array, a collection or a single string) and {@code auth_time}
 * (absent stays absent: unlike the general caller record, no fallback to {@code iat}, which says when the token was
 * issued, not when the person authenticated).
 */
@RequestScoped
public class TokenEvidence {

    private final JsonWebToken jwt;

    TokenEvidence(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public MfaEvidence current() {
        return new MfaEvidence(methods(jwt.getClaim("amr")), authTime(jwt.getClaim("auth_time")));
    }

    static List<String> methods(Object claim) {
        List<String> methods = new ArrayList<>();
        if (claim instanceof JsonArray array) {
            array.forEach(value -> add(methods, value));
        } else if (claim instanceof Collection<?> values) {
            values.forEach(value -> add(methods, value));
        } else if (claim != null) {
            add(methods, claim);
        }
        return List.copyOf(methods);
    }

    private static void add(List<String> methods, Object value) {
        if (value instanceof JsonString string) {
            methods.add(string.getString());
        } else if (value instanceof String string && !string.isBlank()) {
            methods.add(string);
        } else if (value instanceof JsonValue json && json.getValueType() == JsonValue.ValueType.ARRAY) {
            json.asJsonArray().forEach(inner -> add(methods, inner));
        }
    }

    static Instant authTime(Object claim) {
        if (claim instanceof JsonNumber number) {
            return Instant.ofEpochSecond(number.longValue());
        }
        if (claim instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        return null;
    }
}
