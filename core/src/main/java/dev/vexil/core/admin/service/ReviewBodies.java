package dev.vexil.core.admin.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.store.ReviewSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** The {@code review} member of an environment body: {@code requiredApprovals}, {@code authorMayApply}, {@code approverRoles}. */
final class ReviewBodies {
    private static final Set<String> FIELDS = Set.of("requiredApprovals", "authorMayApply", "approverRoles");

    private ReviewBodies() {
    }

    /** The settings, or null when absent (the default then applies); problems are added to {@code checks}. */
    static ReviewSettings settings(BodyChecks checks) {
        JsonNode node = checks.get("review");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            checks.add("review", "expected an object with requiredApprovals, authorMayApply and approverRoles");
            return null;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                checks.add("review." + name, "unknown member; expected one of " + FIELDS);
            }
        }
        ReviewSettings defaults = ReviewSettings.DEFAULT;
        int required = defaults.requiredApprovals();
        JsonNode approvals = node.get("requiredApprovals");
        if (approvals != null && !approvals.isNull()) {
            if (!approvals.isIntegralNumber() || approvals.longValue() < 1
                    || approvals.longValue() > ReviewSettings.MAX_APPROVALS) {
                checks.add("review.requiredApprovals", "expected an integer from 1 to "
                        + ReviewSettings.MAX_APPROVALS + ", got " + approvals);
            } else {
                required = approvals.intValue();
            }
        }
        boolean authorMayApply = defaults.authorMayApply();
        JsonNode mayApply = node.get("authorMayApply");
        if (mayApply != null && !mayApply.isNull()) {
            if (!mayApply.isBoolean()) {
                checks.add("review.authorMayApply", "expected true or false, got " + mayApply);
            } else {
                authorMayApply = mayApply.booleanValue();
            }
        }
        List<String> roles = defaults.approverRoles();
        JsonNode rolesNode = node.get("approverRoles");
        if (rolesNode != null && !rolesNode.isNull()) {
            roles = roles(rolesNode, checks);
        }
        return new ReviewSettings(required, authorMayApply, roles);
    }

    private static List<String> roles(JsonNode node, BodyChecks checks) {
        if (!node.isArray() || node.isEmpty()) {
            checks.add("review.approverRoles", "expected a non-empty array of roles (viewer, editor, admin)");
            return List.of();
        }
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode role = node.get(i);
            if (!role.isTextual() || Role.fromWire(role.textValue()).isEmpty()) {
                checks.add("review.approverRoles[" + i + "]", "expected viewer, editor or admin, got " + role);
            } else if (!roles.contains(role.textValue())) {
                roles.add(role.textValue());
            }
        }
        return roles;
    }
}
