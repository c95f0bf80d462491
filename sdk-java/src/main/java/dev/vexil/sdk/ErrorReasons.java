package dev.vexil.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.eval.ErrorKind;
import dev.vexil.eval.Reason;
import dev.vexil.model.FlagType;
import java.util.Locale;

/**
 * The error reasons of the detail path. Each note names the flag, so that a log line or an OpenFeature error message
 * says which flag failed; the evaluator's own error results are shared per snapshot and cannot carry the key.
 */
final class ErrorReasons {
    private ErrorReasons() {
    }

    static Reason notReady(String flagKey) {
        return Reason.error(ErrorKind.NOT_READY, flag(flagKey) + ": no snapshot loaded yet");
    }

    static Reason flagNotFound(String flagKey, long snapshotVersion) {
        return Reason.error(ErrorKind.FLAG_NOT_FOUND, flagKey == null ? "no flag key given (null)"
                : flag(flagKey) + " not found in snapshot version " + snapshotVersion);
    }

    /** The flag's declared type cannot serve what was asked for (checked before evaluating). */
    static Reason declaredTypeMismatch(String flagKey, FlagType declared, RequestedType<?> wanted) {
        return Reason.error(ErrorKind.WRONG_TYPE, flag(flagKey) + " is a " + declared.wireName() + " flag, not "
                + wanted.description());
    }

    /** The value served is not of the type asked for (a {@code json} flag, or a number outside the int range). */
    static Reason servedTypeMismatch(String flagKey, JsonNode served, RequestedType<?> wanted) {
        return Reason.error(ErrorKind.WRONG_TYPE, flag(flagKey) + " served "
                + served.getNodeType().name().toLowerCase(Locale.ROOT) + ", not " + wanted.description());
    }

    /** An error result of the evaluator, its note prefixed with the flag. */
    static Reason naming(String flagKey, Reason evaluatorError) {
        ErrorKind kind = evaluatorError.errorKind();
        String note = evaluatorError.note() != null ? evaluatorError.note()
                : kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String message = switch (kind) {
            case MALFORMED_FLAG -> flag(flagKey) + " is malformed: " + note;
            case EXCEPTION -> flag(flagKey) + ": evaluation failed: " + note;
            default -> flag(flagKey) + ": " + note;
        };
        return Reason.error(kind, message);
    }

    private static String flag(String flagKey) {
        return "flag '" + flagKey + "'";
    }
}
