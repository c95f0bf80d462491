package dev.vexil.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DefinitionAndSegmentValidationTest {
    private static final String VALID_DEFINITION = "{'key': 'new-checkout', 'name': 'New checkout', 'description': 'd',"
            + " 'type': 'boolean', 'variations': [{'value': true, 'name': 'on'}, {'value': false}],"
            + " 'tags': ['checkout', 'team.payments'], 'temporary': true, 'maintainer': 'alice@example.com'}";

    private static String definition(String type, String variations) {
        return "{'key': 'f', 'name': 'F', 'type': '" + type + "', 'variations': " + variations + "}";
    }

    static Stream<Arguments> malformedDefinitions() {
        return Stream.of(
                Arguments.of("[]", "", "expected an object, got an array"),
                Arguments.of("{'name': 'F', 'type': 'boolean', 'variations': [{'value': true}]}", "key", "required field is missing"),
                Arguments.of("{'key': 'New Checkout', 'name': 'F', 'type': 'boolean', 'variations': [{'value': true}]}", "key",
                        "flag key \"New Checkout\" is invalid"),
                Arguments.of("{'key': '" + "a".repeat(65) + "', 'name': 'F', 'type': 'boolean', 'variations': [{'value': true}]}", "key", "is invalid"),
                Arguments.of("{'key': 'f', 'type': 'boolean', 'variations': [{'value': true}]}", "name", "required field is missing"),
                Arguments.of("{'key': 'f', 'name': '  ', 'type': 'boolean', 'variations': [{'value': true}]}", "name", "must not be blank"),
                Arguments.of("{'key': 'f', 'name': '" + "n".repeat(201) + "', 'type': 'boolean', 'variations': [{'value': true}]}", "name",
                        "is 201 characters long; at most 200"),
                Arguments.of("{'key': 'f', 'name': 'F', 'variations': [{'value': true}]}", "type", "required field is missing"),
                Arguments.of(definition("integer", "[{'value': 1}]"), "type", "unknown flag type \"integer\"; use one of boolean, string, number, json"),
                Arguments.of("{'key': 'f', 'name': 'F', 'type': 'boolean'}", "variations", "required field is missing"),
                Arguments.of(definition("boolean", "[]"), "variations", "at least one variation"),
                Arguments.of(definition("boolean", "[{'value': 'true'}]"), "variations[0].value", "expected true or false for a boolean flag, got a string"),
                Arguments.of(definition("string", "[{'value': 'a'}, {'value': 2}]"), "variations[1].value", "expected a string for a string flag"),
                Arguments.of(definition("number", "[{'value': '1'}]"), "variations[0].value", "expected a number for a number flag"),
                Arguments.of(definition("number", "[{'value': 1}, {'value': 1.0}]"), "variations[1].value", "duplicates the value of variations[0]"),
                Arguments.of(definition("json", "[{'value': {'a': [1]}}, {'value': {'a': [1]}}]"), "variations[1].value", "must be distinct"),
                Arguments.of(definition("string", "[{'name': 'x'}]"), "variations[0].value", "required field is missing"),
                Arguments.of(definition("string", "[{'value': 'a', 'weight': 1}]"), "variations[0].weight", "unknown field"),
                Arguments.of(definition("string", "['a']"), "variations[0]", "expected an object, got a string"),
                Arguments.of(definition("string", "[{'value': 'a', 'name': 3}]"), "variations[0].name", "expected a string"),
                Arguments.of("{'key': 'f', 'name': 'F', 'type': 'string', 'variations': [{'value': 'a'}], 'tags': ['ok', 'Not OK']}", "tags[1]",
                        "tag \"Not OK\" is invalid"),
                Arguments.of("{'key': 'f', 'name': 'F', 'type': 'string', 'variations': [{'value': 'a'}], 'tags': ['a', 'a']}", "tags[1]", "listed twice"),
                Arguments.of("{'key': 'f', 'name': 'F', 'type': 'string', 'variations': [{'value': 'a'}], 'tags': 'a'}", "tags", "expected an array"),
                Arguments.of("{'key': 'f', 'name': 'F', 'type': 'string', 'variations': [{'value': 'a'}], 'temporary': 'yes'}", "temporary", "expected true or false"),
                Arguments.of("{'key': 'f', 'name': 'F', 'type': 'string', 'variations': [{'value': 'a'}], 'maintainer': ['x']}", "maintainer", "expected a string"),
                Arguments.of("{'key': 'f', 'name': 'F', 'type': 'string', 'variations': [{'value': 'a'}], 'on': true}", "on", "unknown field \"on\""));
    }

    @ParameterizedTest(name = "[{index}] {1}: {2}")
    @MethodSource("malformedDefinitions")
    void malformedDefinitionIsReportedAtItsPath(String body, String path, String fragment) {
        List<Problem> problems = Validator.validateFlagDefinition(Json.parse(body));
        Problems.assertHasProblem(problems, path, fragment);
    }

    @Test
    void validDefinitionPasses() {
        assertThat(Validator.validateFlagDefinition(Json.parse(VALID_DEFINITION))).isEmpty();
        assertThat(Validator.validateFlagDefinition(Json.parse(definition("json",
                "[{'value': null}, {'value': [1, 2]}, {'value': {'a': 'b'}}, {'value': 'text'}]")))).isEmpty();
    }

    @Test
    void aHundredVariationsAreAllowedButNotMore() {
        StringBuilder vs = new StringBuilder("[");
        for (int i = 0; i < 101; i++) {
            vs.append(i == 0 ? "" : ",").append("{'value': ").append(i).append("}");
        }
        String tooMany = definition("number", vs + "]");
        assertThat(Validator.validateFlagDefinition(Json.parse(tooMany)))
                .containsExactly(new Problem("variations", "too many variations: 101; at most 100 are allowed"));
        String hundred = definition("number", vs.substring(0, vs.lastIndexOf(",")) + "]");
        assertThat(Validator.validateFlagDefinition(Json.parse(hundred))).isEmpty();
    }

    @Test
    void theKeyMayComeFromTheUrl() {
        String noKey = "{'name': 'F', 'type': 'boolean', 'variations': [{'value': true}]}";
        assertThat(Validator.validateFlagDefinition(Json.parse(noKey), "f")).isEmpty();
        assertThat(Validator.validateFlagDefinition(Json.parse(definition("boolean", "[{'value': true}]")), "g"))
                .containsExactly(new Problem("key", "flag key \"f\" does not match \"g\" in the URL; omit it or make them equal"));
    }

    @Test
    void aKeyFromTheUrlMustMatchTheKeyPatternToo() {
        String noKey = "{'name': 'F', 'type': 'boolean', 'variations': [{'value': true}]}";
        assertThat(Validator.validateFlagDefinition(Json.parse(noKey), "Bad Key")).containsExactly(new Problem("key",
                "flag key in the URL \"Bad Key\" is invalid: use 1 to 64 characters from a-z, 0-9, '.', '_' and '-',"
                        + " starting with a letter or digit"));
        assertThat(Validator.validateSegment(Json.parse("{'included': ['a']}"), "-beta", null))
                .extracting(Problem::path).containsExactly("key");
    }

    // ---- segments

    private static final String VALID_SEGMENT = "{'key': 'beta-testers', 'name': 'Beta', 'description': 'd',"
            + " 'included': ['alice'], 'excluded': ['bob'], 'salt': 's',"
            + " 'rules': [{'id': 'staff', 'clauses': [{'attribute': 'email', 'operator': 'endsWith', 'values': ['@example.com']}],"
            + " 'weight': 50000, 'bucketBy': 'email', 'contextKind': 'user'}]}";

    private static String segmentRule(String rule) {
        return "{'key': 's', 'rules': [" + rule + "]}";
    }

    static Stream<Arguments> malformedSegments() {
        return Stream.of(
                Arguments.of("'s'", "", "expected an object, got a string"),
                Arguments.of("{'included': []}", "key", "required field is missing"),
                Arguments.of("{'key': 'Beta'}", "key", "segment key \"Beta\" is invalid"),
                Arguments.of("{'key': 's', 'included': 'alice'}", "included", "expected an array, got a string"),
                Arguments.of("{'key': 's', 'included': ['alice', 3]}", "included[1]", "expected a string, got the integer 3"),
                Arguments.of("{'key': 's', 'excluded': ['']}", "excluded[0]", "must not be empty"),
                Arguments.of("{'key': 's', 'included': ['a', 'a']}", "included[1]", "already listed at included[0]"),
                Arguments.of("{'key': 's', 'included': ['a'], 'excluded': ['a']}", "included[0]", "both included and excluded"),
                Arguments.of("{'key': 's', 'salt': 1}", "salt", "expected a string"),
                Arguments.of("{'key': 's', 'members': []}", "members", "unknown field \"members\""),
                Arguments.of(segmentRule("{'clauses': []}"), "rules[0].id", "required field is missing"),
                Arguments.of(segmentRule("{'id': 'a', 'clauses': []}, {'id': 'a', 'clauses': []}"), "rules[1].id", "already used"),
                Arguments.of(segmentRule("{'id': 'a', 'clauses': [], 'weight': 100001}"), "rules[0].weight", "must be between 0 and 100000"),
                Arguments.of(segmentRule("{'id': 'a', 'clauses': [], 'weight': 'half'}"), "rules[0].weight", "expected a whole number"),
                Arguments.of(segmentRule("{'id': 'a', 'clauses': [], 'serve': {'variation': 0}}"), "rules[0].serve", "unknown field"),
                Arguments.of(segmentRule("{'id': 'a', 'clauses': [{'attribute': 'x', 'operator': 'segmentMatch', 'values': ['staff']}]}"),
                        "rules[0].clauses[0].operator", "segmentMatch is not allowed in segment rules"),
                Arguments.of(segmentRule("{'id': 'a', 'clauses': [{'attribute': 'age', 'operator': 'lessThan', 'values': ['x']}]}"),
                        "rules[0].clauses[0].values[0]", "expected a number for operator lessThan"),
                Arguments.of(segmentRule("{'id': 'a', 'clauses': [], 'bucketBy': ' '}"), "rules[0].bucketBy", "must not be blank"));
    }

    @ParameterizedTest(name = "[{index}] {1}: {2}")
    @MethodSource("malformedSegments")
    void malformedSegmentIsReportedAtItsPath(String body, String path, String fragment) {
        List<Problem> problems = Validator.validateSegment(Json.parse(body), Fixtures.scope());
        Problems.assertHasProblem(problems, path, fragment);
    }

    @Test
    void validSegmentPasses() {
        assertThat(Validator.validateSegment(Json.parse(VALID_SEGMENT), Fixtures.scope())).isEmpty();
        assertThat(Validator.validateSegment(Json.parse("{'name': 'x'}"), "from-url", null)).isEmpty();
    }

    @Test
    void segmentKeyListLimit() {
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 5001; i++) {
            keys.append(i == 0 ? "" : ",").append("'k").append(i).append("'");
        }
        String body = "{'key': 's', 'included': [" + keys + "], 'excluded': [" + keys.toString().replace("'k", "'x") + "]}";
        assertThat(Validator.validateSegment(Json.parse(body), null)).containsExactly(
                new Problem("", "too many included and excluded keys together: 10002; at most 10000 are allowed"));
    }

    @Test
    void segmentCanonicalSizeLimit() {
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            keys.append(i == 0 ? "" : ",").append("'").append("k".repeat(70)).append(i).append("'");
        }
        List<Problem> problems = Validator.validateSegment(Json.parse("{'key': 's', 'included': [" + keys + "]}"), null);
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).startsWith("segment is ")
                .contains("the limit is 131072 bytes"));
    }

    @Test
    void validateKeyHelper() {
        assertThat(Validator.validateKey("key", "payments-v2", "flag key")).isEmpty();
        assertThat(Validator.validateKey("key", "0.9_a-b", "flag key")).isEmpty();
        assertThat(Validator.validateKey("project", "-x", "project key")).singleElement()
                .satisfies(p -> assertThat(p.toString()).startsWith("project: project key \"-x\" is invalid"));
        assertThat(Validator.validateKey("env", null, "environment key"))
                .containsExactly(new Problem("env", "environment key is required"));
        assertThat(Validator.validateKey("k", "a".repeat(64), "key")).isEmpty();
        assertThat(Validator.validateKey("k", "a".repeat(65), "key")).hasSize(1);
        assertThat(Validator.validateKey("k", "ab\n", "key")).hasSize(1);
    }
}
