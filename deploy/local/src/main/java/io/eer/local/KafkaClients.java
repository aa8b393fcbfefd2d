package io.eer.local;

import java.util.Locale;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * Client settings of the local tools: SCRAM-SHA-512 over SASL_PLAINTEXT as a named principal whose password comes
 * from the environment ({@code EER_KAFKA_PASSWORD_<PRINCIPAL>}, e.g. {@code EER_KAFKA_PASSWORD_ADMIN}; written per
 * run directory to {@code <run-dir>/kafka/credentials.env} by infra.sh). Never prints a password.
 */
final class KafkaClients {

    private KafkaClients() {
    }

    /** The variable that holds {@code principal}'s password: {@code grant-service} -> EER_KAFKA_PASSWORD_GRANT_SERVICE. */
    static String passwordVariable(String principal) {
        return "EER_KAFKA_PASSWORD_" + principal.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    static String password(String principal) {
        String value = System.getenv(passwordVariable(principal));
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(passwordVariable(principal) + " is not set (source <run-dir>/kafka/credentials.env)");
        }
        return value;
    }

    /** Bootstrap + SASL settings for {@code principal}. */
    static Properties as(String principal, String bootstrap) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        props.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        props.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(principal, password(principal)));
        return props;
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }
}
