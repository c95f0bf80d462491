package dev.vexil.core.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.admin.service.AdminException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the members of schedule and rollout bodies. Each check names the offending member in the 400 it throws
 * (problem+json {@code errors[].path}), before anything is stored.
 */
final class ReleaseBodies {
    static final int MAX_COMMENT = 1000;
    static final int MAX_GUARDS = 10;
    /** CloudWatch's limit on an alarm name. */
    static final int MAX_ALARM_NAME = 255;
    static final Duration MAX_AHEAD = Duration.ofDays(365);
    static final Duration PAST_TOLERANCE = Duration.ofMinutes(1);

    private ReleaseBodies() {
    }

    static JsonNode object(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw AdminException.invalid("", "expected a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw AdminException.invalid(name, "unknown member; expected one of " + allowed);
            }
        }
        return body;
    }

    /** A required instant between a minute ago and a year ahead of {@code now}. */
    static Instant futureInstant(JsonNode body, String field, Instant now) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw AdminException.invalid(field, "is required: an ISO-8601 instant such as 2026-12-24T09:00:00Z");
        }
        Instant at;
        try {
            at = Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw AdminException.invalid(field, "expected an ISO-8601 instant such as 2026-12-24T09:00:00Z, got "
                    + value);
        }
        if (!value.isTextual()) {
            throw AdminException.invalid(field, "expected a string");
        }
        if (at.isBefore(now.minus(PAST_TOLERANCE))) {
            throw AdminException.invalid(field, "is in the past (" + at + "; now is " + now + ")");
        }
        if (at.isAfter(now.plus(MAX_AHEAD))) {
            throw AdminException.invalid(field, "is more than a year ahead (" + at + ")");
        }
        return at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    static String comment(JsonNode body) {
        JsonNode comment = body.get("comment");
        if (comment == null || comment.isNull()) {
            return null;
        }
        if (!comment.isTextual()) {
            throw AdminException.invalid("comment", "expected a string");
        }
        if (comment.textValue().length() > MAX_COMMENT) {
            throw AdminException.invalid("comment", "longer than " + MAX_COMMENT + " characters");
        }
        return comment.textValue().isBlank() ? null : comment.textValue().strip();
    }

    /** An ISO-8601 duration of at least zero; null when absent. */
    static Duration duration(JsonNode value, String path) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw AdminException.invalid(path, "expected an ISO-8601 duration such as PT1H, got " + value);
        }
        try {
            Duration duration = Duration.parse(value.textValue());
            if (duration.isNegative()) {
                throw AdminException.invalid(path, "must not be negative, got " + value.textValue());
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw AdminException.invalid(path, "expected an ISO-8601 duration such as PT1H, got \""
                    + value.textValue() + "\"");
        }
    }

    /** The guard alarm names (none when absent); names {@code alarms} does not know are a 400 naming the entry. */
    static List<String> guards(JsonNode body, GuardAlarms alarms) {
        JsonNode guards = body.get("guards");
        if (guards == null || guards.isNull()) {
            return List.of();
        }
        if (!guards.isArray()) {
            throw AdminException.invalid("guards", "expected an array of alarm names");
        }
        if (guards.size() > MAX_GUARDS) {
            throw AdminException.invalid("guards", "at most " + MAX_GUARDS + " guards");
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < guards.size(); i++) {
            JsonNode name = guards.get(i);
            if (!name.isTextual() || name.textValue().isBlank() || name.textValue().length() > MAX_ALARM_NAME) {
                throw AdminException.invalid("guards[" + i + "]", "expected an alarm name of 1 to "
                        + MAX_ALARM_NAME + " characters");
            }
            names.add(name.textValue());
        }
        Collection<String> unknown = alarms.unknown(names);
        List<String> ordered = new ArrayList<>(names);
        for (int i = 0; i < ordered.size(); i++) {
            if (unknown.contains(ordered.get(i))) {
                throw AdminException.invalid("guards[" + i + "]", "\"" + ordered.get(i) + "\" is not a known guard alarm"
                        + " (on AWS: an existing CloudWatch alarm whose name starts with vexil-guard-)");
            }
        }
        return List.copyOf(ordered);
    }
}
