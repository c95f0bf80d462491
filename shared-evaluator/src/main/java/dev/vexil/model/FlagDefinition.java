package dev.vexil.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A flag's definition, shared by every environment of a project:
 * {@code {"key","name","description","type","variations":[{"value","name"}],"tags":[],"temporary","maintainer"}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlagDefinition(
        String key,
        String name,
        String description,
        FlagType type,
        List<Variation> variations,
        List<String> tags,
        Boolean temporary,
        String maintainer) {

    public FlagDefinition {
        variations = variations == null ? List.of() : List.copyOf(variations);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
