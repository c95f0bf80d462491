package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.model.FlagType;
import dev.vexil.snapshot.JsonTypes;
import java.util.HashSet;
import java.util.Set;

/** A flag definition body (PUT /v1/projects/{project}/flags/{flag}): strict, every field typed. */
final class DefinitionValidator {
    static final Set<String> FIELDS = Set.of("key", "name", "description", "type", "variations", "tags",
            "temporary", "maintainer");

    private DefinitionValidator() {
    }

    /** {@code expectedKey}, if not null, is the key from the URL: the body may omit its key or must repeat it. */
    static void validate(JsonNode body, String expectedKey, ValidationRun run) {
        JsonNode flag = run.object(body, "", FIELDS);
        if (flag == null) {
            return;
        }
        ProblemCollector problems = run.problems();
        checkKey(flag, expectedKey, "flag key", problems);
        String name = JsonFields.nonBlankString(flag, "name", "", problems);
        if (name != null) {
            NameRules.length(name, "name", problems);
        }
        JsonFields.string(flag, "description", "", false, problems);
        FlagType type = VariationRules.type(flag, "", run);
        VariationRules.variations(flag, "", type, run);
        tags(flag, problems);
        JsonFields.bool(flag, "temporary", "", false, problems);
        String maintainer = JsonFields.string(flag, "maintainer", "", false, problems);
        if (maintainer != null) {
            NameRules.length(maintainer, "maintainer", problems);
        }
    }

    /**
     * The {@code key} member, checked against the pattern and, when given, the key from the URL. The URL's key is
     * checked too: it becomes the stored key when the body omits one.
     */
    static void checkKey(JsonNode object, String expectedKey, String what, ProblemCollector problems) {
        if (expectedKey != null && !KeyRules.check("key", expectedKey, what + " in the URL", problems)) {
            return;
        }
        if (expectedKey != null && JsonFields.isAbsent(object.get("key"))) {
            return; // the URL names it
        }
        String key = JsonFields.string(object, "key", "", true, problems);
        if (key != null && KeyRules.check("key", key, what, problems) && expectedKey != null
                && !expectedKey.equals(key)) {
            problems.add("key", what + " \"" + key + "\" does not match \"" + expectedKey
                    + "\" in the URL; omit it or make them equal");
        }
    }

    private static void tags(JsonNode flag, ProblemCollector problems) {
        JsonNode tags = JsonFields.array(flag, "tags", "", false, problems);
        if (tags == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            String path = Paths.index("tags", i);
            JsonNode element = tags.get(i);
            if (!element.isTextual()) {
                problems.add(path, "expected a string, got " + JsonTypes.describe(element));
            } else if (KeyRules.check(path, element.textValue(), "tag", problems) && !seen.add(element.textValue())) {
                problems.add(path, "tag \"" + element.textValue() + "\" is listed twice");
            }
        }
    }
}
