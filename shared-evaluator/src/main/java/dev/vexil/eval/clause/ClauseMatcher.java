package dev.vexil.eval.clause;

/**
 * One operator with its clause values already parsed. {@link #matches} gets one attribute value (a String, Number
 * or Boolean; never null, never a list: {@link AttributeClause} handles lists and negate) and says whether it
 * matches any of the clause's values. A value of a type the operator does not take simply does not match.
 */
public interface ClauseMatcher {
    boolean matches(Object attributeValue);
}
