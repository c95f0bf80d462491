package dev.vexil.core.review;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What an apply is about to write, recorded on the request before the first write: for each change its target,
 * the version it was based on, and the content before and after ({@code after} null: a segment deletion;
 * {@code before} null: the target did not exist). With it, a crashed apply is finished by whoever comes next, and
 * a failed one is compensated, without transactions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApplyIntent(String applier, String startedAt, List<PlannedWrite> writes) {

    public ApplyIntent {
        writes = writes == null ? List.of() : List.copyOf(writes);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlannedWrite(String flag, String segment, long basedOn, JsonNode before, JsonNode after) {
        public boolean flagChange() {
            return flag != null;
        }

        public String target() {
            return flagChange() ? flag : segment;
        }
    }
}
