package dev.vexil.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one reader and writer of killswitch.json, used by the publisher and by every SDK. */
class KillListTest {
    private static KillList parse(String json) throws KillListFormatException {
        return KillList.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheFlagsTheReasonAndTheTimeAndIgnoresUnknownMembers() throws Exception {
        KillList list = parse("{\"flags\":[\"checkout\",\"search\",\"checkout\"],\"reason\":\"incident 42\","
                + "\"updatedAt\":\"2026-12-01T19:30:00Z\",\"ticket\":{\"id\":7}}");
        assertThat(list.flags()).containsExactlyInAnyOrder("checkout", "search");
        assertThat(list.reason()).isEqualTo("incident 42");
        assertThat(list.updatedAt()).isEqualTo("2026-12-01T19:30:00Z");
    }

    @Test
    void anEmptyListKillsNothingAndOptionalMembersMayBeAbsentOrNull() throws Exception {
        assertThat(parse("{\"flags\":[]}")).isEqualTo(KillList.NONE);
        assertThat(parse("{\"flags\":[\"a\"],\"reason\":null,\"updatedAt\":null}"))
                .isEqualTo(new KillList(Set.of("a"), null, null));
    }

    /**
     * The behaviour chosen where the SDK and the publisher used to differ: {@code reason} and {@code updatedAt} only
     * inform humans, so a value of the wrong type is read as absent and the listed flags are still killed. An
     * operator who writes {@code "reason": 42} by hand during an incident gets the flags turned off.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"flags\":[\"checkout\"],\"reason\":42}",
            "{\"flags\":[\"checkout\"],\"reason\":{\"ticket\":\"INC-42\"},\"updatedAt\":true}",
            "{\"flags\":[\"checkout\"],\"reason\":[\"db down\"],\"updatedAt\":1767225600000}"})
    void aReasonOrTimeOfAnotherTypeIsReadAsAbsentAndTheFlagsAreStillKilled(String json) throws Exception {
        KillList list = parse(json);
        assertThat(list.flags()).containsExactly("checkout");
        assertThat(list.reason()).isNull();
        assertThat(list.updatedAt()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // what the publisher has always refused, and what the SDK has always refused
            "{\"flags\":\"checkout\"}        | flags: expected an array of flag keys, got a string",
            "[\"checkout\"]                  | expected a JSON object, got an array",
            "{\"flags\":[1]}                 | flags[0]: expected a flag key (a string), got a number",
            "{flags:                         | not valid JSON",
            "{}                              | flags: expected an array of flag keys, got nothing",
            "{\"flags\":[\"a\",null]}        | flags[1]: expected a flag key (a string), got null",
            "{\"flags\":null}                | flags: expected an array of flag keys, got null",
            "null                            | expected a JSON object, got null",
            "\"checkout\"                    | expected a JSON object, got a string"})
    void aDocumentWithoutAFlagsArrayOfStringsIsRefusedNamingTheMember(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(KillListFormatException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void anEmptyOrBinaryBodyIsRefused() {
        assertThatThrownBy(() -> KillList.parse(new byte[0])).isInstanceOf(KillListFormatException.class);
        assertThatThrownBy(() -> KillList.parse(ObjectEncoding.gzip("{\"flags\":[]}".getBytes())))
                .as("still gzipped").isInstanceOf(KillListFormatException.class);
    }

    @Test
    void writingGivesSortedFlagsAndOnlyThePresentMembersAndReadsBackEqual() throws Exception {
        KillList list = new KillList(Set.of("search", "checkout"), "incident 42", null);
        assertThat(new String(list.toJson(), StandardCharsets.UTF_8))
                .isEqualTo("{\"flags\":[\"checkout\",\"search\"],\"reason\":\"incident 42\"}");
        assertThat(KillList.parse(list.toJson())).isEqualTo(list);
        assertThat(KillList.parse(list.toJsonNode())).isEqualTo(list);
        KillList full = new KillList(Set.of("a"), "r", "2026-12-01T19:30:00Z");
        assertThat(KillList.parse(full.toJson())).isEqualTo(full);
        assertThat(new String(KillList.NONE.toJson(), StandardCharsets.UTF_8)).isEqualTo("{\"flags\":[]}");
    }

    @Test
    void theFlagSetCannotBeChangedAfterwards() throws Exception {
        KillList list = parse("{\"flags\":[\"checkout\"]}");
        assertThatThrownBy(() -> list.flags().add("search")).isInstanceOf(UnsupportedOperationException.class);
    }
}
