package dev.vexil.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One test on one context attribute. {@code values} are OR-ed; {@code negate} inverts the result.
 * {@code operator} stays a plain string so that a snapshot from a newer server, with an operator this
 * evaluator does not know, still loads: such a clause never matches.
 * {@code contextKind} selects the context kind in a multi-kind context (default {@code user}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Clause(String attribute, String operator, List<JsonNode> values, boolean negate, String contextKind) {
    public Clause {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public Clause(String attribute, String operator, List<JsonNode> values, boolean negate) {
        this(attribute, operator, values, negate, null);
    }
}
