package dev.vexil.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A segment rule: the AND of its clauses. An optional {@code weight} (0..100000) admits only that share of
 * matching contexts, bucketed by {@code bucketBy} (default: the context key) with the segment's salt.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SegmentRule(String id, List<Clause> clauses, Integer weight, String bucketBy, String contextKind) {
    public SegmentRule {
        clauses = clauses == null ? List.of() : List.copyOf(clauses);
    }

    public SegmentRule(String id, List<Clause> clauses) {
        this(id, clauses, null, null, null);
    }
}
