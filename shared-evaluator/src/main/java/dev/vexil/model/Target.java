package dev.vexil.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Individual targeting: these context keys get this variation. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Target(int variation, List<String> keys, String contextKind) {
    public Target {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    public Target(int variation, List<String> keys) {
        this(variation, keys, null);
    }
}
