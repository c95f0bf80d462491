package dev.vexil.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A reusable group of contexts: {@code excluded} beats {@code included}, which beats {@code rules}.
 * {@code salt} defaults to the segment key. {@code version} is set in snapshots.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Segment(
        String key,
        String name,
        String description,
        List<String> included,
        List<String> excluded,
        List<SegmentRule> rules,
        String salt,
        Long version) {

    public Segment {
        included = included == null ? List.of() : List.copyOf(included);
        excluded = excluded == null ? List.of() : List.copyOf(excluded);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public Segment(String key, List<String> included, List<String> excluded, List<SegmentRule> rules, String salt) {
        this(key, null, null, included, excluded, rules, salt, null);
    }

    public String effectiveSalt() {
        return salt == null || salt.isEmpty() ? key : salt;
    }
}
