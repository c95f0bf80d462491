package dev.vexil.core.review;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One change of a request, exactly one of: a flag's whole {@code configuration}; a flag turned {@code on} or off;
 * a flag's {@code rollbackTo} an earlier version; a segment's {@code definition}; a segment's {@code delete}.
 * {@code basedOn} is the version of the target the change was written against (0: the target does not exist).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProposedChange(String flag, String segment, JsonNode configuration, Boolean on, Long rollbackTo,
                             JsonNode definition, Boolean delete, long basedOn) {

    public boolean flagChange() {
        return flag != null;
    }

    /** The flag or segment key. */
    public String target() {
        return flagChange() ? flag : segment;
    }

    /** e.g. {@code flag checkout} or {@code segment beta-users}: names the target in messages. */
    public String label() {
        return (flagChange() ? "flag \"" : "segment \"") + target() + "\"";
    }

    public ProposedChange basedOn(long version) {
        return new ProposedChange(flag, segment, configuration, on, rollbackTo, definition, delete, version);
    }
}
