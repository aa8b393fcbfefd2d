package io.eer.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code eer.gateway.*}: the PostgreSQL listener, grant-service, the target, recording and cut-off. */
@ConfigMapping(prefix = "eer.gateway")
public interface GatewaySettings {

    Listener listener();

    GrantService grantService();

    Target target();

    Recording recording();

    /** How often open sessions are checked against their deadline (the backstop of the per-session timer). */
    @WithDefault("1s")
    Duration deadlineCheck();

    interface Listener {
        /** Address the PostgreSQL listener binds ({@code EER_GATEWAY_PG_HOST}). */
        @WithDefault("127.0.0.1")
        String host();

        /** Port of the PostgreSQL listener ({@code EER_GATEWAY_PG_PORT}; 0 picks a free one, tests). */
        @WithDefault("26432")
        int port();

        /**
         * Whether a client may connect without TLS from loopback (psql on the same machine). From any other address
         * TLS ({@code sslmode=require}) is always required: the one-time secret travels as a cleartext password.
         */
        @WithDefault("true")
        boolean plaintextOnLoopback();

        /** The PKCS#12 key store holding the gateway's TLS key and certificate ({@code EER_GATEWAY_TLS_KEYSTORE}). */
        String keyStore();

        /** Its password ({@code EER_GATEWAY_TLS_KEYSTORE_PASSWORD}). */
        String keyStorePassword();

        /** Create a self-signed key store there if none exists (development and tests; keytool of this JDK). */
        @WithDefault("false")
        boolean generateSelfSigned();

        /** Most concurrent client connections; more are refused with 53300 (too_many_connections). */
        @WithDefault("200")
        int maxConnections();

        /** Largest client message the gateway parses whole (Query, Parse, Bind); larger ones close the connection. */
        @WithDefault("16777216")
        int maxMessageBytes();
    }

    interface GrantService {
        /** grant-service's base URL ({@code EER_GATEWAY_GRANT_SERVICE_URL}). */
        String url();

        /**
         * The gateway's bearer token for grant-service (subject: the gateway, group {@code session-gateways});
         * {@code EER_GATEWAY_TOKEN}. Re-read from {@code token-file} when that is set (a mounted, rotated secret).
         */
        Optional<String> token();

        Optional<String> tokenFile();

        @WithDefault("5s")
        Duration timeout();
    }

    interface Target {
        /**
         * TLS to the target: {@code disable}, {@code require} (encrypted, certificate not checked) or
         * {@code verify-full} (checked against the JVM's trust store). {@code EER_GATEWAY_TARGET_SSLMODE}.
         */
        @WithDefault("verify-full")
        String sslmode();

        @WithDefault("5s")
        Duration connectTimeout();
    }

    interface Recording {
        /** Statement text kept per event, in characters; longer ones are cut and marked {@code truncated}. */
        @WithDefault("4096")
        int maxStatementLength();

        /** Systems whose statements are recorded with every literal replaced by {@code ?} (e.g. hr-portal). */
        Optional<List<String>> redactLiteralsFor();

        /** Statements written per transaction at most (group commit). */
        @WithDefault("500")
        int batchSize();

        /** How long a statement waits for its record to be committed before the session is closed (fail-closed). */
        @WithDefault("10s")
        Duration commitTimeout();
    }
}
