package dev.vexil.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A targeting rule: the AND of its clauses; when it matches it serves {@code serve}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Rule(String id, String description, List<Clause> clauses, Serve serve) {
    public Rule {
        clauses = clauses == null ? List.of() : List.copyOf(clauses);
    }

    public Rule(String id, List<Clause> clauses, Serve serve) {
        this(id, null, clauses, serve);
    }
}
