package io.eer.support.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Every service's REST bodies are read under {@link InputRules}. */
@Singleton
public class InputRulesCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        InputRules.apply(mapper);
    }
}
