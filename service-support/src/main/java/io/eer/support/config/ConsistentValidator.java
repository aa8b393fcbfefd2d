package io.eer.support.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.List;

/** Turns {@link ConsistentSettings#inconsistencies()} into one violation each. */
public class ConsistentValidator implements ConstraintValidator<Consistent, ConsistentSettings> {

    @Override
    public boolean isValid(ConsistentSettings settings, ConstraintValidatorContext context) {
        if (settings == null) {
            return true;
        }
        List<String> broken = settings.inconsistencies();
        if (broken.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        // the message is plain text, not a template: a '{' or '$' in it must not be interpolated
        broken.forEach(message -> context.buildConstraintViolationWithTemplate(escape(message))
                .addConstraintViolation());
        return false;
    }

    private static String escape(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
