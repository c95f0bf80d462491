package dev.vexil.openfeature;

import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.Value;
import dev.vexil.eval.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps an OpenFeature {@link EvaluationContext} to a Vexil {@link Context}. The targeting key is optional
 * (OpenFeature requirement 3.1.1): without one the context is keyless, and only rollouts that need a key fail
 * (with {@code TARGETING_KEY_MISSING}).
 * <ul>
 *   <li>Single kind: the targeting key is the context key; the optional string attribute {@code kind} names the
 *       context kind (default {@code user}); strings, numbers, booleans, instants (as ISO-8601 strings) and lists of
 *       those become attributes. Nested structures are skipped.</li>
 *   <li>Multi-kind: {@code kind} is {@code "multi"} and every other structure-valued attribute is one context, named
 *       by the attribute, with its key in {@code targetingKey} (or {@code key}), keyless without one; the top-level
 *       targeting key, if any, becomes the {@code user} context unless a {@code user} structure is given.</li>
 * </ul>
 * An absent context, or a multi-kind one naming no kind, is a keyless {@code user} context.
 */
final class ContextMapper {
    static final String KIND = "kind";
    static final String MULTI = "multi";

    private ContextMapper() {
    }

    /** Thrown for a context that cannot be mapped (e.g. an empty kind name); the message says why. */
    static final class UnusableContextException extends Exception {
        UnusableContextException(String message) {
            super(message);
        }
    }

    static Context toContext(EvaluationContext ofContext) throws UnusableContextException {
        if (ofContext == null) {
            return Context.keyless();
        }
        Map<String, Value> attributes = ofContext.asUnmodifiableMap();
        Value kind = attributes.get(KIND);
        if (kind != null && kind.isString() && MULTI.equals(kind.asString())) {
            return multi(ofContext.getTargetingKey(), attributes);
        }
        String kindName = kind != null && kind.isString() ? kind.asString() : Context.DEFAULT_KIND;
        return single(kindName, keyOrNull(ofContext.getTargetingKey()), attributes);
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
            hasUser |= Context.DEFAULT_KIND.equals(e.getKey());
            parts.add(single(e.getKey(), keyOrNull(key), nested));
        }
        if (!hasUser && keyOrNull(userKey) != null) {
            parts.add(Context.builder(userKey).build());
        }
        if (parts.isEmpty()) {
            return Context.keyless();
        }
        try {
            return Context.multi(parts.toArray(new Context[0]));
        } catch (IllegalArgumentException e) {
            throw new UnusableContextException(e.getMessage());
        }
    }

    /** An empty targeting key identifies nobody: it is treated as absent. */
    private static String keyOrNull(String key) {
        return key == null || key.isEmpty() ? null : key;
    }

    private static Context single(String kind, String key, Map<String, Value> attributes)
            throws UnusableContextException {
        Context.Builder builder;
        try {
            builder = key == null ? Context.keylessBuilder(kind) : Context.builder(kind, key);
        } catch (IllegalArgumentException e) {
            throw new UnusableContextException(e.getMessage());
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
