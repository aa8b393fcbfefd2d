package io.eer.support.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON value that breaks one of the shared input rules (control characters, malformed Unicode, too many items).
 * Jackson adds the field path; {@link ProblemMappers} answers 400 naming that field and {@link #rule()}.
 */
public class InputRuleException extends JsonMappingException {

    private final String rule;

    public InputRuleException(JsonParser parser, String rule, String message) {
        super(parser, message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
