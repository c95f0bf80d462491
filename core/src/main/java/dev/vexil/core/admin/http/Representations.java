package dev.vexil.core.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.core.admin.service.DryRunService;
import dev.vexil.core.admin.service.EnvironmentService;
import dev.vexil.core.keys.SdkKeyEdgeSync;
import dev.vexil.core.store.Environment;
import dev.vexil.core.store.AuditEntry;
import dev.vexil.core.store.HistoryEntry;
import dev.vexil.core.store.Page;
import dev.vexil.core.store.SdkKeyRecord;
import dev.vexil.core.store.Versioned;
import dev.vexil.eval.Context;
import dev.vexil.eval.EvaluationResult;
import dev.vexil.eval.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON shapes of responses. A versioned resource is its content plus the read-only members {@code version},
 * {@code updatedAt} and {@code updatedBy} (which a client may send back; writes ignore them).
 */
public final class Representations {
    private final ObjectMapper mapper;

    public Representations(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode versioned(Versioned<?> resource) {
        JsonNode content = resource.value() instanceof Environment environment
                ? EnvironmentService.toJson(environment) : mapper.valueToTree(resource.value());
        ObjectNode node = content.isObject() ? ((ObjectNode) content).deepCopy() : mapper.createObjectNode();
        node.put("version", resource.version());
        if (resource.updatedAt() != null) {
            node.put("updatedAt", resource.updatedAt().toString());
        }
        if (resource.updatedBy() != null) {
            node.put("updatedBy", resource.updatedBy());
        }
        return node;
    }

    public ApiResponse resource(int status, Versioned<?> resource) {
        return ApiResponse.versioned(status, versioned(resource), resource.etag());
    }

    public <T> ObjectNode page(Page<T> page, Function<T, JsonNode> item) {
        ObjectNode node = list(page.items(), item);
        if (page.nextCursor() != null) {
            node.put("nextCursor", page.nextCursor());
        }
        return node;
    }

    public <T> ObjectNode list(List<T> items, Function<T, JsonNode> item) {
        ObjectNode node = mapper.createObjectNode();
        ArrayNode array = node.putArray("items");
        items.forEach(value -> array.add(item.apply(value)));
        return node;
    }

    public ObjectNode historyEntry(HistoryEntry<?> entry) {
        ObjectNode node = mapper.createObjectNode();
        putChange(node, entry.version(), entry.at(), entry.principal(), entry.sessionName(), entry.breakGlass(),
                entry.action(), entry.comment(), entry.diff());
        if (entry.content() != null) {
            node.set("content", mapper.valueToTree(entry.content()));
        }
        return node;
    }

    /** One audit log entry: the resource, then the change as a history entry gives it. */
    public ObjectNode auditEntry(AuditEntry entry) {
        ObjectNode node = mapper.createObjectNode();
        node.put("resourceType", entry.resourceType().name());
        node.put("resourceKey", entry.resourceKey());
        if (entry.environment() != null) {
            node.put("environment", entry.environment());
        }
        putChange(node, entry.version(), entry.at(), entry.principal(), entry.sessionName(), entry.breakGlass(),
                entry.action(), entry.comment(), entry.diff());
        return node;
    }

    /** The members every record of a change has, in history and in the audit logs alike. */
    private void putChange(ObjectNode node, long version, Instant at, String principal, String sessionName,
                           boolean breakGlass, String action, String comment, JsonNode diff) {
        node.put("version", version);
        node.put("at", at == null ? null : at.toString());
        node.put("principal", principal);
        if (sessionName != null) {
            node.put("sessionName", sessionName);
        }
        if (breakGlass) {
            node.put("breakGlass", true);
        }
        node.put("action", action);
        if (comment != null) {
            node.put("comment", comment);
        }
        node.set("diff", diff == null ? mapper.createArrayNode() : diff);
    }

    /** An SDK key without its hash; {@code secret} only in the creation response. */
    public ObjectNode sdkKey(SdkKeyRecord key, String secret) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", key.id());
        node.put("project", key.project());
        node.put("environment", key.environment());
        if (key.name() != null) {
            node.put("name", key.name());
        }
        node.put("active", key.active());
        node.put("createdAt", key.createdAt().toString());
        node.put("createdBy", key.createdBy());
        if (key.revokedAt() != null) {
            node.put("revokedAt", key.revokedAt().toString());
        }
        if (secret != null) {
            node.put("secret", secret);
        }
        return node;
    }

    /** The key (without secret) and what its resync did: {@code "resync": {"action": "DELETED", "detail": "..."}}. */
    public ObjectNode sdkKeyResync(SdkKeyRecord key, SdkKeyEdgeSync.Outcome outcome) {
        ObjectNode node = sdkKey(key, null);
        node.putObject("resync").put("action", outcome.action().name()).put("detail", outcome.detail());
        return node;
    }

    public ObjectNode dryRun(DryRunService.Result result) {
        ObjectNode node = mapper.createObjectNode();
        node.put("snapshotVersion", result.snapshotVersion());
        ArrayNode results = node.putArray("results");
        for (DryRunService.ContextResult contextResult : result.contexts()) {
            ObjectNode item = results.addObject();
            item.put("index", contextResult.index());
            item.set("context", contextSummary(contextResult.context()));
            ObjectNode flags = item.putObject("flags");
            for (Map.Entry<String, DryRunService.Outcome> flag : contextResult.flags().entrySet()) {
                ObjectNode outcome = evaluation(flag.getValue().current());
                if (flag.getValue().proposed() != null) {
                    outcome.set("proposed", evaluation(flag.getValue().proposed()));
                }
                flags.set(flag.getKey(), outcome);
            }
        }
        if (!result.impact().isEmpty()) {
            node.set("impact", impact(result.impact()));
        }
        return node;
    }

    /** The impact summary of proposed configurations, per flag: contexts, changed, unchanged, transitions. */
    public ObjectNode impact(Map<String, DryRunService.Impact> summaries) {
        ObjectNode impact = mapper.createObjectNode();
        summaries.forEach((flag, summary) -> {
            ObjectNode one = impact.putObject(flag);
            one.put("contexts", summary.contexts());
            one.put("changed", summary.changed());
            one.put("unchanged", summary.contexts() - summary.changed());
            ArrayNode transitions = one.putArray("transitions");
            for (DryRunService.Transition t : summary.transitions()) {
                ObjectNode transition = transitions.addObject();
                transition.set("from", t.from() < 0 ? mapper.nullNode() : mapper.getNodeFactory().numberNode(t.from()));
                transition.set("to", t.to() < 0 ? mapper.nullNode() : mapper.getNodeFactory().numberNode(t.to()));
                transition.set("fromValue", t.fromValue() == null ? mapper.nullNode() : t.fromValue());
                transition.set("toValue", t.toValue() == null ? mapper.nullNode() : t.toValue());
                transition.put("count", t.count());
            }
        });
        return impact;
    }

    /** {@code {value, variation, reason}}; {@code value} is null when nothing is served. */
    public ObjectNode evaluation(EvaluationResult result) {
        ObjectNode node = mapper.createObjectNode();
        node.set("value", result.value() == null ? mapper.nullNode() : result.value());
        if (result.variationIndex() >= 0) {
            node.put("variation", result.variationIndex());
        }
        node.set("reason", reason(result.reason()));
        return node;
    }

    public ObjectNode reason(Reason reason) {
        ObjectNode node = mapper.createObjectNode();
        node.put("kind", reason.kind().name());
        if (reason.ruleIndex() >= 0) {
            node.put("ruleIndex", reason.ruleIndex());
        }
        if (reason.ruleId() != null) {
            node.put("ruleId", reason.ruleId());
        }
        if (reason.inRollout()) {
            node.put("inRollout", true);
        }
        if (reason.prerequisiteKey() != null) {
            node.put("prerequisiteKey", reason.prerequisiteKey());
        }
        if (reason.errorKind() != null) {
            node.put("errorKind", reason.errorKind().name());
        }
        if (reason.note() != null) {
            node.put("note", reason.note());
        }
        return node;
    }

    private ObjectNode contextSummary(Context context) {
        ObjectNode node = mapper.createObjectNode();
        node.put("kind", context.kind());
        if (context.isMulti()) {
            ObjectNode keys = node.putObject("keys");
            context.parts().forEach(part -> keys.put(part.kind(), part.key()));
        } else {
            node.put("key", context.key());
        }
        return node;
    }
}
