package dev.vexil.core.admin.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The {@code from}, {@code to} and {@code step} query parameters of the insights routes, checked: ISO-8601 instants
 * (default: the last 24 hours) widened to whole minutes, {@code from} before {@code to}, at most 90 days apart; an
 * ISO-8601 duration of whole minutes for {@code step} (default {@code PT1H}), at most 10,000 steps in the range.
 * Anything else is a 400 naming the parameter.
 */
public record InsightsRange(Instant from, Instant to, Duration step) {
    static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    static final Duration DEFAULT_STEP = Duration.ofHours(1);
    static final Duration MAX_RANGE = Duration.ofDays(90);
    static final long MAX_STEPS = 10_000;

    /** @param step null for the routes without one */
    public static InsightsRange parse(String from, String to, String step, Clock clock) {
        Instant end = to == null ? clock.instant() : instant("to", to);
        Instant start = from == null ? end.minus(DEFAULT_RANGE) : instant("from", from);
        start = start.truncatedTo(ChronoUnit.MINUTES);
        Instant endMinute = end.truncatedTo(ChronoUnit.MINUTES);
        end = endMinute.equals(end) ? end : endMinute.plus(Duration.ofMinutes(1));
        if (!start.isBefore(end)) {
            throw AdminException.invalid("from", "must be before to (" + start + " is not before " + end + ")");
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw AdminException.invalid("from", "from and to may be at most " + MAX_RANGE.toDays() + " days apart");
        }
        Duration stepSize = step == null ? DEFAULT_STEP : duration(step);
        if (Duration.between(start, end).dividedBy(stepSize) > MAX_STEPS) {
            throw AdminException.invalid("step", "the range holds more than " + MAX_STEPS + " steps of " + step
                    + "; choose a longer step");
        }
        return new InsightsRange(start, end, stepSize);
    }

    private static Instant instant(String name, String raw) {
        try {
            return Instant.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw AdminException.invalid(name, "expected an ISO-8601 instant such as 2026-12-03T17:00:00Z, got \""
                    + raw + "\"");
        }
    }

    private static Duration duration(String raw) {
        Duration step;
        try {
            step = Duration.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw AdminException.invalid("step", "expected an ISO-8601 duration such as PT1M, PT1H or P1D, got \""
                    + raw + "\"");
        }
        if (step.isNegative() || step.isZero() || step.toSeconds() % 60 != 0 || step.getNano() != 0) {
            throw AdminException.invalid("step", "must be a positive whole number of minutes, got \"" + raw + "\"");
        }
        return step;
    }
}
