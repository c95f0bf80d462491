package dev.vexil.eval;

/** Why an evaluation produced its value. The order of precedence is documented in docs/evaluation.md. */
public enum ReasonKind {
    OFF, PREREQUISITE_FAILED, TARGET_MATCH, RULE_MATCH, FALLTHROUGH, ERROR
}
