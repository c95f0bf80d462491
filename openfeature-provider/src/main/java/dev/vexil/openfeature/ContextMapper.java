package dev.vexil.openfeature;

import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.Value;
import dev.vexil.eval.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps an OpenFeature {@link EvaluationContext} to a Vexil {@link Context}.
 * <ul>
 *   <li>Single kind: the targeting key is the context key; the optional string attribute {@code kind} names the
 *       context kind (default {@code user}); strings, numbers, booleans, instants (as ISO-8601 strings) and lists of
 *       those become attributes. Nested structures are skipped.</li>
 *   <li>Multi-kind: {@code kind} is {@code "multi"} and every other structure-valued attribute is one context, named
 *       by the attribute, with its key in {@code targetingKey} (or {@code key}); the top-level targeting key, if any,
 *       becomes the {@code user} context unless a {@code user} structure is given.</li>
 * </ul>
 */
final class ContextMapper {
    static final String KIND = "kind";
    static final String MULTI = "multi";

    private ContextMapper() {
    }

    /** Thrown for a context that cannot be mapped; the message says why. */
    static final class UnusableContextException extends Exception {
        private final boolean missingKey;

        UnusableContextException(String message, boolean missingKey) {
            super(message);
            this.missingKey = missingKey;
        }

        boolean missingKey() {
            return missingKey;
        }
    }

    static Context toContext(EvaluationContext ofContext) throws UnusableContextException {
        if (ofContext == null) {
            throw new UnusableContextException("no evaluation context: a targeting key is required", true);
        }
        Map<String, Value> attributes = ofContext.asUnmodifiableMap();
        Value kind = attributes.get(KIND);
        if (kind != null && kind.isString() && MULTI.equals(kind.asString())) {
            return multi(ofContext.getTargetingKey(), attributes);
        }
        String key = ofContext.getTargetingKey();
        if (key == null || key.isEmpty()) {
            throw new UnusableContextException("the evaluation context has no targeting key", true);
        }
        String kindName = kind != null && kind.isString() ? kind.asString() : Context.DEFAULT_KIND;
        return single(kindName, key, attributes);
    }

    private static Context multi(String userKey, Map<String, Value> attributes) throws UnusableContextException {
        List<Context> parts = new ArrayList<>();
        boolean hasUser = false;
        for (Map.Entry<String, Value> e : attributes.entrySet()) {
            Value v = e.getValue();
            if (v == null || !v.isStructure()) {
                continue;
            }
            Map<String, Value> nested = v.asStructure().asMap();
            String key = stringOf(nested.get(EvaluationContext.TARGETING_KEY));
            if (key == null) {
                key = stringOf(nested.get("key"));
            }
            if (key == null || key.isEmpty()) {
                throw new UnusableContextException("context kind '" + e.getKey() + "' has no targetingKey", true);
            }
            hasUser |= Context.DEFAULT_KIND.equals(e.getKey());
            parts.add(single(e.getKey(), key, nested));
        }
        if (!hasUser && userKey != null && !userKey.isEmpty()) {
            parts.add(Context.builder(userKey).build());
        }
        if (parts.isEmpty()) {
            throw new UnusableContextException("a multi-kind context needs at least one kind with a targetingKey",
                    true);
        }
        try {
            return Context.multi(parts.toArray(new Context[0]));
        } catch (IllegalArgumentException e) {
            throw new UnusableContextException(e.getMessage(), false);
        }
    }

    private static Context single(String kind, String key, Map<String, Value> attributes)
            throws UnusableContextException {
        Context.Builder builder;
        try {
            builder = Context.builder(kind, key);
        } catch (IllegalArgumentException e) {
            throw new UnusableContextException(e.getMessage(), false);
        }
        for (Map.Entry<String, Value> e : attributes.entrySet()) {
            String name = e.getKey();
            if (name.equals(KIND) || name.equals("key") || name.equals(EvaluationContext.TARGETING_KEY)) {
                continue;
            }
            set(builder, name, e.getValue());
        }
        return builder.build();
    }

    private static void set(Context.Builder builder, String name, Value v) {
        if (v == null || v.isNull() || v.isStructure()) {
            return;
        }
        if (v.isList()) {
            List<Object> elements = new ArrayList<>();
            for (Value element : v.asList()) {
                Object plain = scalar(element);
                if (plain != null) {
                    elements.add(plain);
                }
            }
            builder.set(name, elements);
            return;
        }
        Object plain = scalar(v);
        if (plain instanceof String s) {
            builder.set(name, s);
        } else if (plain instanceof Number n) {
            builder.set(name, n);
        } else if (plain instanceof Boolean b) {
            builder.set(name, b.booleanValue());
        }
    }

    /** String, Number or Boolean for a scalar value (instants as ISO-8601 text), else null. */
    private static Object scalar(Value v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isString()) {
            return v.asString();
        }
        if (v.isNumber()) {
            Object o = v.asObject();
            return o instanceof Number n ? n : v.asDouble();
        }
        if (v.isInstant()) {
            return v.asInstant().toString();
        }
        return null;
    }

    private static String stringOf(Value v) {
        return v != null && v.isString() ? v.asString() : null;
    }
}
