package dev.vexil.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The subject of an evaluation: a stable {@code key} plus attributes (String, Number, Boolean, or a List of
 * those). Immutable and thread-safe; build once per request and reuse it for every flag.
 *
 * <p>The key is optional: a <em>keyless</em> context ({@link #keyless()}, {@link #keylessBuilder()}) describes a
 * subject without a stable identity, e.g. a background job. Individual targets and clauses on {@code key} never
 * match it, and a rollout that needs its key serves an error ({@link ErrorKind#TARGETING_KEY_MISSING}); everything
 * else evaluates normally (docs/evaluation.md, "Keyless contexts").
 *
 * <p>Attributes live in one small array of name/value pairs rather than a map: contexts carry a handful of
 * attributes, a linear scan with an identity check first is faster than hashing, and building one allocates two
 * objects (the context and the array).
 *
 * <p>A multi-kind context ({@link #multi(Context...)}) bundles one context per kind, e.g. a {@code user} and an
 * {@code organization}; clauses and rollouts pick a kind with {@code contextKind} (default {@code user}).
 */
public final class Context {
    public static final String DEFAULT_KIND = "user";
    private static final Context KEYLESS = new Context(DEFAULT_KIND, null, new Object[0], null);

    private final String kind;
    private final String key;
    private final Object[] attributes; // name0, value0, name1, value1, ...
    private final Context[] parts; // non-null only for a multi-kind context

    private Context(String kind, String key, Object[] attributes, Context[] parts) {
        this.kind = kind;
        this.key = key;
        this.attributes = attributes;
        this.parts = parts;
    }

    /** Builds a {@code user} context with this key (not null). */
    public static Builder builder(String key) {
        return new Builder(DEFAULT_KIND, Objects.requireNonNull(key, "key"));
    }

    /** Builds a context of this kind with this key (neither null). */
    public static Builder builder(String kind, String key) {
        Objects.requireNonNull(kind, "kind");
        return new Builder(kind, Objects.requireNonNull(key, "key"));
    }

    /** A keyless {@code user} context with no attributes: what a caller with no subject at all evaluates with. */
    public static Context keyless() {
        return KEYLESS;
    }

    /** Builds a keyless {@code user} context: attributes, but no key. */
    public static Builder keylessBuilder() {
        return new Builder(DEFAULT_KIND, null);
    }

    /** Builds a keyless context of this kind: attributes, but no key. */
    public static Builder keylessBuilder(String kind) {
        return new Builder(kind, null);
    }

    /** Bundles single-kind contexts, one per kind. */
    public static Context multi(Context... contexts) {
        if (contexts.length == 0) {
            throw new IllegalArgumentException("a multi-kind context needs at least one context");
        }
        List<Context> flat = new ArrayList<>();
        for (Context c : contexts) {
            Objects.requireNonNull(c, "context");
            if (c.isMulti()) {
                flat.addAll(Arrays.asList(c.parts));
            } else {
                flat.add(c);
            }
        }
        for (int i = 0; i < flat.size(); i++) {
            for (int j = i + 1; j < flat.size(); j++) {
                if (flat.get(i).kind.equals(flat.get(j).kind)) {
                    throw new IllegalArgumentException("duplicate context kind: " + flat.get(i).kind);
                }
            }
        }
        if (flat.size() == 1) {
            return flat.get(0);
        }
        return new Context("multi", null, new Object[0], flat.toArray(new Context[0]));
    }

    /** True for a context made by {@link #multi(Context...)} of two or more kinds. */
    public boolean isMulti() {
        return parts != null;
    }

    /** The kind of a single-kind context, or {@code "multi"}. */
    public String kind() {
        return kind;
    }

    /**
     * The key of a single-kind context, null when it is keyless; for a multi-kind context, the key of its
     * {@code user} part, if any.
     */
    public String key() {
        if (parts == null) {
            return key;
        }
        Context user = forKind(DEFAULT_KIND);
        return user == null ? null : user.key;
    }

    /** The single-kind context of the given kind ({@code null} kind means {@code user}), or null if absent. */
    public Context forKind(String wantedKind) {
        String k = wantedKind == null ? DEFAULT_KIND : wantedKind;
        if (parts == null) {
            return kind.equals(k) ? this : null;
        }
        for (Context part : parts) {
            if (part.kind.equals(k)) {
                return part;
            }
        }
        return null;
    }

    /** All kinds in this context. */
    public List<Context> parts() {
        return parts == null ? List.of(this) : List.of(parts);
    }

    /**
     * The value of an attribute of this single-kind context: {@code "key"} and {@code "kind"} are built in;
     * anything else is a custom attribute. Returns null when absent.
     */
    public Object get(String name) {
        Object[] a = attributes;
        for (int i = 0; i < a.length; i += 2) {
            Object candidate = a[i];
            if (candidate == name || candidate.equals(name)) {
                return a[i + 1];
            }
        }
        if ("key".equals(name)) {
            return key;
        }
        if ("kind".equals(name)) {
            return kind;
        }
        return null;
    }

    /** Attribute names of this single-kind context, excluding the built-in {@code key} and {@code kind}. */
    public List<String> attributeNames() {
        List<String> names = new ArrayList<>(attributes.length / 2);
        for (int i = 0; i < attributes.length; i += 2) {
            names.add((String) attributes[i]);
        }
        return List.copyOf(names);
    }

    /** For logs and test failures, e.g. {@code Context{kind=user, key=u-1, plan=pro}}. */
    @Override
    public String toString() {
        if (parts != null) {
            return "Context" + Arrays.toString(parts);
        }
        StringBuilder sb = new StringBuilder("Context{kind=").append(kind).append(", key=").append(key);
        for (int i = 0; i < attributes.length; i += 2) {
            sb.append(", ").append(attributes[i]).append('=').append(attributes[i + 1]);
        }
        return sb.append('}').toString();
    }

    /** Builds a single-kind context. Setting a name twice keeps the last value. */
    public static final class Builder {
        private final String kind;
        private final String key;
        private Object[] attributes = new Object[8]; // name/value pairs
        private int size; // used slots (twice the number of attributes)

        private Builder(String kind, String key) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.key = key; // null for a keyless context
            if (kind.isEmpty() || "multi".equals(kind)) {
                throw new IllegalArgumentException("invalid context kind: '" + kind + "'");
            }
        }

        /**
         * A string attribute; null makes it count as missing.
         *
         * @throws IllegalArgumentException for the built-in names {@code key} and {@code kind}
         */
        public Builder set(String name, String value) {
            return put(name, value);
        }

        /** A number attribute, compared numerically; null makes it count as missing. */
        public Builder set(String name, Number value) {
            return put(name, value);
        }

        /** A boolean attribute. */
        public Builder set(String name, boolean value) {
            return put(name, value);
        }

        /** A list attribute; its elements must be String, Number or Boolean. A clause matches if any element does. */
        public Builder set(String name, List<?> value) {
            if (value != null) {
                for (Object element : value) {
                    if (!(element instanceof String || element instanceof Number || element instanceof Boolean)) {
                        throw new IllegalArgumentException("list attribute '" + name
                                + "' may hold only String, Number or Boolean values, got " + element);
                    }
                }
                value = List.copyOf(value);
            }
            return put(name, value);
        }

        private Builder put(String name, Object value) {
            Objects.requireNonNull(name, "name");
            if ("key".equals(name) || "kind".equals(name)) {
                throw new IllegalArgumentException("'" + name + "' is built in; pass it to the builder instead");
            }
            for (int i = 0; i < size; i += 2) {
                if (attributes[i].equals(name)) {
                    attributes[i + 1] = value;
                    return this;
                }
            }
            if (size == attributes.length) {
                attributes = Arrays.copyOf(attributes, size * 2);
            }
            attributes[size] = name;
            attributes[size + 1] = value;
            size += 2;
            return this;
        }

        /** The context, immutable; later changes to this builder do not affect it. */
        public Context build() {
            return new Context(kind, key, Arrays.copyOf(attributes, size), null);
        }
    }
}
