package dev.vexil.validate;

import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.model.Segment;
import dev.vexil.model.Snapshot;
import dev.vexil.snapshot.SnapshotCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every value of valid documents is replaced, one at a time, by every JSON type: the validator must report, never
 * throw (the admin API turns an exception into a 500, an SDK would drop a snapshot it could have used).
 */
class RobustnessTest {
    private static final List<JsonNode> REPLACEMENTS = List.of(Json.parse("null"), Json.parse("1"), Json.parse("-1"),
            Json.parse("1.5"), Json.parse("1e30"), Json.parse("'s'"), Json.parse("''"), Json.parse("true"),
            Json.parse("[]"), Json.parse("{}"), Json.parse("[null]"), Json.parse("{'x': 1}"), Json.parse("[[]]"));

    @Test
    void flagConfigs() {
        everyMutation(Json.parse(Fixtures.CANONICAL_CONFIG),
                body -> Validator.validateFlagConfig(body, Fixtures.CHECKOUT, Fixtures.scope()));
    }

    @Test
    void definitions() {
        everyMutation(Json.parse("{'key': 'f', 'name': 'F', 'description': 'd', 'type': 'json', 'variations':"
                + " [{'value': {'a': [1]}, 'name': 'x'}, {'value': 2}], 'tags': ['t'], 'temporary': true, 'maintainer': 'm'}"),
                Validator::validateFlagDefinition);
    }

    @Test
    void segments() {
        everyMutation(Json.parse("{'key': 's', 'name': 'n', 'included': ['a'], 'excluded': ['b'], 'salt': 'x', 'rules':"
                + " [{'id': 'r', 'clauses': [{'attribute': 'a', 'operator': 'inCidr', 'values': ['10.0.0.0/8']}],"
                + " 'weight': 5, 'bucketBy': 'k', 'contextKind': 'user'}]}"),
                body -> Validator.validateSegment(body, Fixtures.scope()));
    }

    @Test
    void snapshots() throws Exception {
        var config = SnapshotCodec.mapper().treeToValue(Json.parse(Fixtures.CANONICAL_CONFIG),
                dev.vexil.model.FlagConfig.class);
        Snapshot s = new Snapshot(1, "p", "e", 1, "2026-01-01T00:00:00Z",
                List.of(dev.vexil.model.Flag.of(Fixtures.CHECKOUT, config, 1L), Fixtures.flag("payments-v2", 2, "x")),
                List.of(new Segment("beta-testers", List.of("a"), List.of(), List.of(), null)), null);
        JsonNode tree = SnapshotCodec.mapper().valueToTree(s);
        everyMutation(tree, doc -> Validator.validateSnapshot(doc, Validator.Mode.STRICT));
        everyMutation(tree, doc -> Validator.validateSnapshot(doc, Validator.Mode.LENIENT));
    }

    private static void everyMutation(JsonNode document, Consumer<JsonNode> validate) {
        List<String> pointers = new ArrayList<>();
        collect(document, "", pointers);
        for (String pointer : pointers) {
            for (JsonNode replacement : REPLACEMENTS) {
                JsonNode mutated = replace(document, pointer, replacement);
                assertThatCode(() -> validate.accept(mutated)).as(pointer + " := " + replacement).doesNotThrowAnyException();
            }
        }
    }

    private static void collect(JsonNode node, String pointer, List<String> out) {
        out.add(pointer);
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> collect(node.get(name), pointer + "/" + name, out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, out);
            }
        }
    }

    private static JsonNode replace(JsonNode document, String pointer, JsonNode replacement) {
        if (pointer.isEmpty()) {
            return replacement;
        }
        JsonNode copy = document.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent.isObject()) {
            ((ObjectNode) parent).set(last, replacement);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(last), replacement);
        }
        return copy;
    }
}
