package dev.vexil.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.eval.ReasonKind;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EvaluationSummaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EvaluationSummary SAMPLE = new EvaluationSummary("vexil-java", "0.1.0", 42,
            Instant.parse("2026-12-03T17:00:00Z"), Instant.parse("2026-12-03T17:01:00Z"),
            List.of(new EvaluationSummary.Count("checkout", 0, ReasonKind.FALLTHROUGH, 812),
                    new EvaluationSummary.Count("checkout", -1, ReasonKind.ERROR, 3)), 5);

    @Test
    void roundTrips() throws Exception {
        assertThat(EvaluationSummary.parse(SAMPLE.toJson())).isEqualTo(SAMPLE);
        assertThat(new String(SAMPLE.toJson(), StandardCharsets.UTF_8)).isEqualTo("{\"schemaVersion\":1,"
                + "\"sdk\":{\"name\":\"vexil-java\",\"version\":\"0.1.0\"},\"snapshotVersion\":42,"
                + "\"window\":{\"start\":\"2026-12-03T17:00:00Z\",\"end\":\"2026-12-03T17:01:00Z\"},"
                + "\"counts\":[{\"flag\":\"checkout\",\"variation\":0,\"reason\":\"FALLTHROUGH\",\"count\":812},"
                + "{\"flag\":\"checkout\",\"variation\":-1,\"reason\":\"ERROR\",\"count\":3}],\"dropped\":5}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON|{|",
            "array|[]|",
            "unknown member|{\"extra\":1}|extra",
            "wrong schema|{\"schemaVersion\":2}|schemaVersion",
            "no sdk|{\"schemaVersion\":1}|sdk",
            "negative count|/counts/0/count=-1|counts[0].count",
            "zero count|/counts/0/count=0|counts[0].count",
            "huge count|/counts/0/count=1000000000001|counts[0].count",
            "fractional count|/counts/0/count=1.5|counts[0].count",
            "count as string|/counts/0/count=\"7\"|counts[0].count",
            "variation too high|/counts/0/variation=100|counts[0].variation",
            "variation below -1|/counts/0/variation=-2|counts[0].variation",
            "unknown reason|/counts/0/reason=\"SOMETIMES\"|counts[0].reason",
            "bad flag key|/counts/0/flag=\"Checkout!\"|counts[0].flag",
            "negative dropped|/dropped=-1|dropped",
            "bad instant|/window/start=\"yesterday\"|window.start",
            "window backwards|/window/start=\"2026-12-03T18:00:00Z\"|window.end",
            "window too long|/window/start=\"2026-11-01T00:00:00Z\"|window",
    })
    void refusesBadSummariesNamingTheMember(String what, String change, String path) throws Exception {
        byte[] body;
        if (change.startsWith("/")) {
            JsonNode tree = JSON.readTree(SAMPLE.toJson());
            String pointer = change.substring(0, change.indexOf('='));
            JsonNode value = JSON.readTree(change.substring(change.indexOf('=') + 1));
            String parent = pointer.substring(0, pointer.lastIndexOf('/'));
            String member = pointer.substring(pointer.lastIndexOf('/') + 1);
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree.at(parent)).set(member, value);
            body = JSON.writeValueAsBytes(tree);
        } else {
            body = change.getBytes(StandardCharsets.UTF_8);
        }
        assertThatThrownBy(() -> EvaluationSummary.parse(body)).as(what)
                .isInstanceOfSatisfying(EvaluationSummaryException.class,
                        e -> assertThat(e.path()).isEqualTo(path == null ? "" : path));
    }

    @Test
    void refusesOversizedBodiesAndTooManyCounts() throws Exception {
        assertThatThrownBy(() -> EvaluationSummary.parse(new byte[EvaluationSummary.MAX_BYTES + 1]))
                .isInstanceOf(EvaluationSummaryException.class).hasMessageContaining("at most 1048576");
        List<EvaluationSummary.Count> many = new java.util.ArrayList<>();
        for (int i = 0; i <= EvaluationSummary.MAX_COUNTS; i++) {
            many.add(new EvaluationSummary.Count("f" + i, 0, ReasonKind.OFF, 1));
        }
        byte[] body = new EvaluationSummary("s", "1", 1, SAMPLE.windowStart(), SAMPLE.windowEnd(), many, 0).toJson();
        assertThatThrownBy(() -> EvaluationSummary.parse(body))
                .isInstanceOfSatisfying(EvaluationSummaryException.class, e -> assertThat(e.path()).isEqualTo("counts"));
    }

    @Test
    void theSchemaDescribesExactlyWhatIsWritten() throws Exception {
        JsonNode schema;
        try (InputStream in = EvaluationSummary.class.getResourceAsStream(EvaluationSummary.SCHEMA_RESOURCE)) {
            schema = JSON.readTree(in);
        }
        JsonNode sample = JSON.readTree(SAMPLE.toJson());
        assertThat(names(schema.get("properties"))).isEqualTo(names(sample));
        assertThat(names(schema.at("/properties/sdk/properties"))).isEqualTo(names(sample.get("sdk")));
        assertThat(names(schema.at("/properties/window/properties"))).isEqualTo(names(sample.get("window")));
        assertThat(names(schema.at("/$defs/count/properties"))).isEqualTo(names(sample.at("/counts/0")));
        assertThat(schema.at("/$defs/count/properties/flag/pattern").asText())
                .isEqualTo(dev.vexil.validate.KeyRules.KEY_REGEX);
        assertThat(schema.at("/properties/counts/maxItems").asInt()).isEqualTo(EvaluationSummary.MAX_COUNTS);
        assertThat(schema.at("/$defs/count/properties/count/maximum").asLong()).isEqualTo(EvaluationSummary.MAX_COUNT);
        List<String> reasons = new java.util.ArrayList<>();
        schema.at("/$defs/count/properties/reason/enum").forEach(r -> reasons.add(r.asText()));
        assertThat(reasons).containsExactly(java.util.Arrays.stream(ReasonKind.values()).map(Enum::name)
                .toArray(String[]::new));
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
