package io.eer.support.config;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code @ConfigMapping} (or one of its groups) that implements {@link ConsistentSettings}: the rules that tie
 * several settings together are checked at start with the per-setting constraints, and each broken one stops the
 * start with its own message.
 */
@Documented
@Constraint(validatedBy = ConsistentValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Consistent {
    String message() default "inconsistent settings";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
