package dev.vexil.validate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Dates for {@code before}/{@code after}, as the evaluator reads them: an ISO-8601 date-time with an offset, a
 * local date-time or a date (both read as UTC), or epoch milliseconds (checked by the caller).
 */
final class DateSyntax {
    private DateSyntax() {
    }

    static boolean isIsoDate(String value) {
        return isOffsetDateTime(value) || parses(() -> LocalDateTime.parse(value)) || parses(() -> LocalDate.parse(value));
    }

    /** A full timestamp such as {@code 2026-12-01T19:00:00Z} (what {@code generatedAt} must be). */
    static boolean isOffsetDateTime(String value) {
        return parses(() -> OffsetDateTime.parse(value));
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
