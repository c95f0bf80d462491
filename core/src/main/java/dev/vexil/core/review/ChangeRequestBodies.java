package dev.vexil.core.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.admin.service.AdminException;
import dev.vexil.core.admin.service.BodyChecks;
import dev.vexil.validate.KeyRules;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the body of a change request (create and edit): {@code title}, {@code description}, {@code changes},
 * optional {@code applyAt} and optional {@code contexts} (only for the dry-run impact of the response). Every
 * problem is reported with its path, and nothing is stored unless the whole body is valid.
 */
final class ChangeRequestBodies {
    static final int MAX_CHANGES = 20;
    static final int MAX_DESCRIPTION = 4000;
    /** How far ahead an {@code applyAt} may be. */
    static final Duration MAX_SCHEDULE = Duration.ofDays(366);
    /** {@code basedOn} left out: the target's version when the request is written. */
    static final long CURRENT = -1;

    private static final Set<String> FIELDS = Set.of("title", "description", "changes", "applyAt", "contexts");
    private static final Set<String> CHANGE_FIELDS = Set.of("flag", "segment", "configuration", "on", "rollbackTo",
            "definition", "delete", "basedOn");
    private static final List<String> FLAG_KINDS = List.of("configuration", "on", "rollbackTo");
    private static final List<String> SEGMENT_KINDS = List.of("definition", "delete");

    record Draft(String title, String description, List<ProposedChange> changes, String applyAt, JsonNode contexts) {
    }

    private ChangeRequestBodies() {
    }

    static Draft parse(JsonNode body, Instant now) {
        BodyChecks checks = new BodyChecks(body, FIELDS);
        String title = checks.text("title", true, BodyChecks.MAX_NAME);
        String description = checks.text("description", false, MAX_DESCRIPTION);
        String applyAt = applyAt(checks, now);
        JsonNode contexts = checks.get("contexts");
        List<ProposedChange> changes = changes(checks);
        checks.throwIfInvalid();
        return new Draft(title, description, changes, applyAt, contexts);
    }

    private static String applyAt(BodyChecks checks, Instant now) {
        JsonNode node = checks.get("applyAt");
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            Instant at = Instant.parse(node.asText());
            if (!node.isTextual() || at.isBefore(now)) {
                checks.add("applyAt", "expected an ISO-8601 instant that is not in the past, got " + node);
            } else if (at.isAfter(now.plus(MAX_SCHEDULE))) {
                checks.add("applyAt", "at most " + MAX_SCHEDULE.toDays() + " days ahead, got " + node);
            } else {
                return at.toString();
            }
        } catch (DateTimeParseException e) {
            checks.add("applyAt", "expected an ISO-8601 instant such as 2027-01-31T09:00:00Z, got " + node);
        }
        return null;
    }

    private static List<ProposedChange> changes(BodyChecks checks) {
        JsonNode node = checks.get("changes");
        if (!checks.isObject()) {
            return List.of();
        }
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > MAX_CHANGES) {
            checks.add("changes", "expected an array of 1 to " + MAX_CHANGES + " changes");
            return List.of();
        }
        List<ProposedChange> changes = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            ProposedChange change = change(node.get(i), "changes[" + i + "]", checks);
            if (change != null && !targets.add((change.flagChange() ? "flag:" : "segment:") + change.target())) {
                checks.add("changes[" + i + "]", change.label() + " is changed twice; one change per target");
            }
            changes.add(change);
        }
        return changes;
    }

    private static ProposedChange change(JsonNode node, String path, BodyChecks checks) {
        if (node == null || !node.isObject()) {
            checks.add(path, "expected an object such as {\"flag\": key, \"on\": false}");
            return null;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!CHANGE_FIELDS.contains(name)) {
                checks.add(path + "." + name, "unknown member; expected one of " + CHANGE_FIELDS);
                return null;
            }
        }
        boolean flag = node.has("flag");
        if (flag == node.has("segment")) {
            checks.add(path, "name exactly one target: \"flag\" or \"segment\"");
            return null;
        }
        String targetField = flag ? "flag" : "segment";
        JsonNode target = node.get(targetField);
        if (!target.isTextual() || !KeyRules.isValidKey(target.textValue())) {
            checks.add(path + "." + targetField, "expected a key, got " + target);
            return null;
        }
        List<String> kinds = (flag ? FLAG_KINDS : SEGMENT_KINDS).stream().filter(node::has).toList();
        List<String> wrong = (flag ? SEGMENT_KINDS : FLAG_KINDS).stream().filter(node::has).toList();
        if (kinds.size() != 1 || !wrong.isEmpty()) {
            checks.add(path, "a " + targetField + " change has exactly one of " + (flag ? FLAG_KINDS : SEGMENT_KINDS));
            return null;
        }
        long basedOn = basedOn(node.get("basedOn"), path, checks);
        String key = target.textValue();
        JsonNode value = node.get(kinds.get(0));
        return switch (kinds.get(0)) {
            case "configuration" -> object(value, path + ".configuration", checks)
                    ? new ProposedChange(key, null, value, null, null, null, null, basedOn) : null;
            case "on" -> bool(value, path + ".on", checks)
                    ? new ProposedChange(key, null, null, value.booleanValue(), null, null, null, basedOn) : null;
            case "rollbackTo" -> version(value, path + ".rollbackTo", checks)
                    ? new ProposedChange(key, null, null, null, value.longValue(), null, null, basedOn) : null;
            case "definition" -> object(value, path + ".definition", checks)
                    ? new ProposedChange(null, key, null, null, null, value, null, basedOn) : null;
            default -> value.isBoolean() && value.booleanValue()
                    ? new ProposedChange(null, key, null, null, null, null, true, basedOn)
                    : invalid(checks, path + ".delete", "expected true, got " + value);
        };
    }

    private static long basedOn(JsonNode node, String path, BodyChecks checks) {
        if (node == null || node.isNull()) {
            return CURRENT;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            checks.add(path + ".basedOn", "expected a version (an integer of at least 0), got " + node);
            return CURRENT;
        }
        return node.longValue();
    }

    private static boolean object(JsonNode node, String path, BodyChecks checks) {
        return node.isObject() || invalid(checks, path, "expected an object") != null;
    }

    private static boolean bool(JsonNode node, String path, BodyChecks checks) {
        return node.isBoolean() || invalid(checks, path, "expected true or false, got " + node) != null;
    }

    private static boolean version(JsonNode node, String path, BodyChecks checks) {
        return node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 1
                || invalid(checks, path, "expected a version (an integer of at least 1), got " + node) != null;
    }

    private static ProposedChange invalid(BodyChecks checks, String path, String message) {
        checks.add(path, message);
        return null;
    }

    /** The draft's errors under {@code changes[i]}: used where a change fails a check that needs the store. */
    static AdminException underChange(int index, AdminException failure) {
        String prefix = "changes[" + index + "]";
        List<dev.vexil.validate.Problem> errors = failure.errors().isEmpty()
                ? List.of(new dev.vexil.validate.Problem(prefix, failure.getMessage()))
                : failure.errors().stream().map(p -> new dev.vexil.validate.Problem(
                        p.path() == null || p.path().isEmpty() ? prefix : prefix + "." + p.path(), p.message()))
                .toList();
        return new AdminException(failure.kind(), prefix + ": " + failure.getMessage(), errors, failure.extensions());
    }
}
