package dev.vexil.eval.clause;

import dev.vexil.eval.Context;
import java.util.List;

/**
 * A clause on one attribute of one context kind. A context lacking the kind, or lacking the attribute, does not
 * match whatever {@code negate} says. A list attribute matches if any element matches; then negate applies.
 */
public final class AttributeClause implements CompiledClause {
    private final String contextKind;
    private final String attribute;
    private final boolean negate;
    private final ClauseMatcher matcher;

    public AttributeClause(String contextKind, String attribute, boolean negate, ClauseMatcher matcher) {
        this.contextKind = contextKind;
        // Interned so that Context.get's identity check hits for attribute names written as literals in the app.
        this.attribute = attribute.intern();
        this.negate = negate;
        this.matcher = matcher;
    }

    @Override
    public boolean matches(Context context) {
        Context part = context.forKind(contextKind);
        if (part == null) {
            return false;
        }
        Object value = part.get(attribute);
        if (value == null) {
            return false;
        }
        boolean hit;
        if (value instanceof List<?> list) {
            hit = false;
            for (int i = 0, n = list.size(); i < n; i++) {
                Object element = list.get(i);
                if (element != null && matcher.matches(element)) {
                    hit = true;
                    break;
                }
            }
        } else {
            hit = matcher.matches(value);
        }
        return hit != negate;
    }
}
