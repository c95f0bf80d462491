package dev.vexil.wire;

import java.io.IOException;

/**
 * A kill list document that must be refused: not JSON, not an object, or no {@code flags} array of strings. An
 * {@link IOException}, like Jackson's own parse errors, because it is always about bytes read from somewhere; the
 * message names the member at fault ({@code flags}, {@code flags[2]}) or the document.
 */
public final class KillListFormatException extends IOException {
    public KillListFormatException(String message) {
        super(message);
    }

    public KillListFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
