package dev.vexil.eval;

import java.util.Objects;

/**
 * Why a value was served. Instances are pre-allocated when a snapshot is compiled, so returning one costs nothing.
 *
 * <ul>
 *   <li>{@code ruleIndex}/{@code ruleId}: set for {@link ReasonKind#RULE_MATCH}.</li>
 *   <li>{@code inRollout}: the value came from a percentage rollout.</li>
 *   <li>{@code isStatic}: set for the {@link ReasonKind#FALLTHROUGH} of a flag whose value cannot depend on the
 *       context (on, no prerequisites, targets or rules, a fixed fallthrough), so that a cache may keep it.</li>
 *   <li>{@code prerequisiteKey}: set for {@link ReasonKind#PREREQUISITE_FAILED}.</li>
 *   <li>{@code errorKind}: set for {@link ReasonKind#ERROR}.</li>
 *   <li>{@code note}: extra information a human should see, e.g. that a clause used an operator this evaluator
 *       does not know and was skipped, or that the flag was forced off by the kill list.</li>
 * </ul>
 */
public final class Reason {
    private final ReasonKind kind;
    private final int ruleIndex;
    private final String ruleId;
    private final boolean inRollout;
    private final boolean isStatic;
    private final String prerequisiteKey;
    private final ErrorKind errorKind;
    private final String note;

    private Reason(ReasonKind kind, int ruleIndex, String ruleId, boolean inRollout, boolean isStatic,
                   String prerequisiteKey, ErrorKind errorKind, String note) {
        this.kind = kind;
        this.ruleIndex = ruleIndex;
        this.ruleId = ruleId;
        this.inRollout = inRollout;
        this.isStatic = isStatic;
        this.prerequisiteKey = prerequisiteKey;
        this.errorKind = errorKind;
        this.note = note;
    }

    public static Reason off(String note) {
        return new Reason(ReasonKind.OFF, -1, null, false, false, null, null, note);
    }

    public static Reason targetMatch(String note) {
        return new Reason(ReasonKind.TARGET_MATCH, -1, null, false, false, null, null, note);
    }

    public static Reason ruleMatch(int ruleIndex, String ruleId, boolean inRollout, String note) {
        return new Reason(ReasonKind.RULE_MATCH, ruleIndex, ruleId, inRollout, false, null, null, note);
    }

    public static Reason fallthrough(boolean inRollout, String note) {
        return new Reason(ReasonKind.FALLTHROUGH, -1, null, inRollout, false, null, null, note);
    }

    /** The fallthrough of a flag whose value cannot depend on the context (see {@link #isStatic()}). */
    public static Reason staticFallthrough(String note) {
        return new Reason(ReasonKind.FALLTHROUGH, -1, null, false, true, null, null, note);
    }

    public static Reason prerequisiteFailed(String prerequisiteKey, String note) {
        return new Reason(ReasonKind.PREREQUISITE_FAILED, -1, null, false, false, prerequisiteKey, null, note);
    }

    public static Reason error(ErrorKind errorKind, String note) {
        return new Reason(ReasonKind.ERROR, -1, null, false, false, null, Objects.requireNonNull(errorKind), note);
    }

    public ReasonKind kind() {
        return kind;
    }

    public int ruleIndex() {
        return ruleIndex;
    }

    public String ruleId() {
        return ruleId;
    }

    public boolean inRollout() {
        return inRollout;
    }

    /**
     * True when the value cannot depend on the context: the flag is on, has no prerequisites, targets or rules, and
     * falls through to a fixed variation. Only {@link ReasonKind#FALLTHROUGH} reasons can be static.
     */
    public boolean isStatic() {
        return isStatic;
    }

    public String prerequisiteKey() {
        return prerequisiteKey;
    }

    public ErrorKind errorKind() {
        return errorKind;
    }

    public String note() {
        return note;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reason r && kind == r.kind && ruleIndex == r.ruleIndex && inRollout == r.inRollout
                && isStatic == r.isStatic && Objects.equals(ruleId, r.ruleId)
                && Objects.equals(prerequisiteKey, r.prerequisiteKey)
                && errorKind == r.errorKind && Objects.equals(note, r.note);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, ruleIndex, ruleId, inRollout, isStatic, prerequisiteKey, errorKind, note);
    }

    /** A compact, human-readable form, e.g. {@code RULE_MATCH(1, "beta", inRollout)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.name());
        switch (kind) {
            case RULE_MATCH -> sb.append('(').append(ruleIndex).append(", \"").append(ruleId).append('"')
                    .append(inRollout ? ", inRollout)" : ")");
            case FALLTHROUGH -> sb.append(inRollout ? "(inRollout)" : isStatic ? "(static)" : "");
            case PREREQUISITE_FAILED -> sb.append("(\"").append(prerequisiteKey).append("\")");
            case ERROR -> sb.append('(').append(errorKind).append(')');
            default -> { }
        }
        if (note != null) {
            sb.append(" [").append(note).append(']');
        }
        return sb.toString();
    }
}
