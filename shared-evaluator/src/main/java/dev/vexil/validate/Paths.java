package dev.vexil.validate;

/** Builds problem paths in the {@code a.b[0].c} form; the empty path is the document itself. */
public final class Paths {
    private Paths() {
    }

    public static String field(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** {@code child} (a path relative to {@code prefix}) re-rooted under {@code prefix}. */
    public static String under(String prefix, String child) {
        if (child.isEmpty()) {
            return prefix;
        }
        if (prefix.isEmpty() || child.startsWith("[")) {
            return prefix + child;
        }
        return prefix + "." + child;
    }
}
