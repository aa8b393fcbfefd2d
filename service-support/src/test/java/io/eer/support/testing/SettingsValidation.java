package io.eer.support.testing;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Builds one {@code @ConfigMapping} from the given properties (defaults from its {@code @WithDefault}s) with the same
 * Bean Validation step a service runs at start, without starting the service: what would stop the start, or empty.
 */
public final class SettingsValidation {

    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class).configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory().getValidator();

    private SettingsValidation() {
    }

    /** The start-up failure message for {@code properties}, or empty when the settings are accepted. */
    public static Optional<String> failure(Class<?> mapping, Map<String, String> properties) {
        try {
            new SmallRyeConfigBuilder()
                    .withMapping(mapping)
                    // the converters Quarkus adds: "5s" durations, "512K" sizes
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                    .withSources(new PropertiesConfigSource(properties, "test", 500))
                    .withValidator((BeanValidationConfigValidator) () -> VALIDATOR)
                    .build();
            return Optional.empty();
        } catch (ConfigValidationException e) {
            return Optional.of(e.getMessage());
        }
    }
}
