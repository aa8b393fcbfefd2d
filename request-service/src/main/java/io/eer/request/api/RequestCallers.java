package io.eer.request.api;

import io.eer.support.security.Caller;
import io.eer.support.security.Callers;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Collection;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The verified caller, with the token's {@code amr} read whatever shape smallrye-jwt hands it over in. The shared
 * {@link Callers} only understands a {@code JsonArray}, but MicroProfile JWT declares {@code amr} as a String claim,
 * so the array arrives converted and the shared reader sees no methods at all; MFA decisions need the real list.
 */
@RequestScoped
public class RequestCallers {

    private final Callers callers;
    private final JsonWebToken jwt;

    RequestCallers(Callers callers, JsonWebToken jwt) {
        this.callers = callers;
        this.jwt = jwt;
    }

    public Caller current() {
        Caller caller = callers.current();
        if (!caller.amr().isEmpty()) {
            return caller;
        }
        return new Caller(caller.id(), caller.type(), caller.groups(), amr(jwt.getClaim("amr")), caller.authTime());
    }

    static List<String> amr(Object claim) {
        if (claim == null) {
            return List.of();
        }
        if (claim instanceof JsonArray array) {
            return array.stream().map(RequestCallers::text).toList();
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(RequestCallers::text).toList();
        }
        if (claim instanceof JsonString string) {
            return amr(string.getString());
        }
        String text = claim.toString().trim();
        if (text.startsWith("[")) {
            try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new StringReader(text))) {
                return reader.readArray().stream().map(RequestCallers::text).toList();
            } catch (RuntimeException e) {
                return List.of();
            }
        }
        return text.isEmpty() ? List.of() : List.of(text.split("[\\s,]+"));
    }

    private static String text(Object value) {
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonValue json) {
            return json.toString();
        }
        return String.valueOf(value);
    }
}
