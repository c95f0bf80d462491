package dev.vexil.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A flag the compiler found broken by the rest of its environment (a segment deleted under it, a prerequisite
 * cycle, a variation its definition no longer has) and published anyway, marked, so that one bad flag never stops
 * the others from publishing. SDKs serve the caller's default for it, with reason ERROR / MALFORMED_FLAG while it
 * is on, which tells it apart from a flag that does not exist. {@code problems} use paths relative to the flag.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MalformedFlag(String key, List<FlagProblem> problems) {

    public MalformedFlag {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** One validation problem of the flag: where ({@code rules[0].clauses[1].values[0]}) and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FlagProblem(String path, String message) {
    }

    /** The problems as one line, e.g. for a result's note. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (FlagProblem p : problems) {
            if (!out.isEmpty()) {
                out.append("; ");
            }
            out.append(p.path() == null || p.path().isEmpty() ? "" : p.path() + ": ").append(p.message());
        }
        return out.toString();
    }
}
