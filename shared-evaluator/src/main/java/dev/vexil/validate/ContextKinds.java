package dev.vexil.validate;

import com.fasterxml.jackson.databind.JsonNode;

/** The optional {@code contextKind} member: a non-empty kind name other than the reserved {@code multi}. */
final class ContextKinds {
    private ContextKinds() {
    }

    static void optional(JsonNode object, String path, ProblemCollector problems) {
        String kind = JsonFields.string(object, "contextKind", path, false, problems);
        if (kind == null) {
            return;
        }
        String at = Paths.field(path, "contextKind");
        if (kind.isBlank()) {
            problems.add(at, "must not be blank; omit it to mean \"user\"");
        } else if ("multi".equals(kind)) {
            problems.add(at, "\"multi\" is reserved for multi-kind contexts; name a single kind such as \"user\"");
        }
    }
}
