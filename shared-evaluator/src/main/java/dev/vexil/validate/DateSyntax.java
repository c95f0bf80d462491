package dev.vexil.validate;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Dates for {@code before}/{@code after}: an ISO-8601 date-time with an offset, or epoch milliseconds. */
final class DateSyntax {
    private DateSyntax() {
    }

    static boolean isIsoDateTime(String value) {
        try {
            OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
