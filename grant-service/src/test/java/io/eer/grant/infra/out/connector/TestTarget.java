package io.eer.grant.infra.out.connector;

import io.eer.grant.config.GrantSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A connector target for plain unit tests: settings by their property name ({@code user-base-dn}), else unset. */
final class TestTarget implements GrantSettings.Target {

    private final String connector;
    private final Map<String, String> settings;

    TestTarget(String connector, Map<String, String> settings) {
        this.connector = connector;
        this.settings = settings;
    }

    private Optional<String> get(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    public String connector() {
        return connector;
    }

    public Optional<String> url() {
        return get("url");
    }

    public Optional<String> host() {
        return get("host");
    }

    public Optional<Integer> port() {
        return get("port").map(Integer::valueOf);
    }

    public Optional<String> database() {
        return get("database");
    }

    public Optional<String> username() {
        return get("username");
    }

    public Optional<String> password() {
        return get("password");
    }

    public Optional<List<String>> roles() {
        return get("roles").map(roles -> Arrays.asList(roles.split(",")));
    }

    public Optional<String> clientHost() {
        return get("client-host");
    }

    public Optional<Integer> clientPort() {
        return get("client-port").map(Integer::valueOf);
    }

    public Duration connectTimeout() {
        return get("connect-timeout").map(Duration::parse).orElse(Duration.ofSeconds(1));
    }

    public Optional<String> userBaseDn() {
        return get("user-base-dn");
    }

    public String userAttribute() {
        return get("user-attribute").orElse("uid");
    }

    public Optional<String> groupBaseDn() {
        return get("group-base-dn");
    }

    public Optional<String> secret() {
        return get("secret");
    }

    public int attempts() {
        return get("attempts").map(Integer::parseInt).orElse(3);
    }

    public Duration backoff() {
        return get("backoff").map(Duration::parse).orElse(Duration.ofMillis(500));
    }
}
