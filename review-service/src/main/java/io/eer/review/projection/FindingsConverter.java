package io.eer.review.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eer.review.domain.Finding;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;

/** A review's automatic findings as a JSON array of {@code {"rule","detail","sessions"}} in one text column. */
@Converter
public class FindingsConverter implements AttributeConverter<List<Finding>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Finding>> TYPE = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(List<Finding> findings) {
        try {
            return JSON.writeValueAsString(findings == null ? List.of() : findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("findings are not JSON-writable", e);
        }
    }

    @Override
    public List<Finding> convertToEntityAttribute(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return List.copyOf(JSON.readValue(text, TYPE));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored findings are not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
