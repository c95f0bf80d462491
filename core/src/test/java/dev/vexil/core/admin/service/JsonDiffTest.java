package dev.vexil.core.admin.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonDiffTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text);
    }

    @Test
    void identicalDocumentsHaveNoDifferences() throws Exception {
        assertThat(JsonDiff.between(json("{\"a\":[1,{\"b\":2}]}"), json("{\"a\":[1,{\"b\":2}]}"))).isEmpty();
    }

    @Test
    void reportsAddRemoveAndReplaceWithPointersAndValues() throws Exception {
        JsonNode diff = JsonDiff.between(json("{\"on\":false,\"salt\":\"s\",\"rules\":[{\"serve\":{\"variation\":0}}]}"),
                json("{\"on\":true,\"rules\":[{\"serve\":{\"variation\":1}}],\"offVariation\":1}"));
        assertThat(diff).isEqualTo(json("""
                [{"op":"replace","path":"/on","from":false,"to":true},
                 {"op":"remove","path":"/salt","from":"s"},
                 {"op":"replace","path":"/rules/0/serve/variation","from":0,"to":1},
                 {"op":"add","path":"/offVariation","to":1}]"""));
    }

    @Test
    void arraysChangeAtTheTailAndRemovalsComeHighestIndexFirst() throws Exception {
        assertThat(JsonDiff.between(json("{\"k\":[\"a\",\"b\",\"c\"]}"), json("{\"k\":[\"a\"]}")))
                .isEqualTo(json("[{\"op\":\"remove\",\"path\":\"/k/2\",\"from\":\"c\"},"
                        + "{\"op\":\"remove\",\"path\":\"/k/1\",\"from\":\"b\"}]"));
        assertThat(JsonDiff.between(json("{\"k\":[\"a\"]}"), json("{\"k\":[\"a\",\"z\"]}")))
                .isEqualTo(json("[{\"op\":\"add\",\"path\":\"/k/1\",\"to\":\"z\"}]"));
    }

    @Test
    void creationIsADiffFromNothingAndPointersAreEscaped() throws Exception {
        assertThat(JsonDiff.between(null, json("{\"a/b~c\":1}")))
                .isEqualTo(json("[{\"op\":\"add\",\"path\":\"/a~1b~0c\",\"to\":1}]"));
    }

    @Test
    void aChangedTypeIsOneReplace() throws Exception {
        assertThat(JsonDiff.between(json("{\"v\":{\"x\":1}}"), json("{\"v\":[1]}")))
                .isEqualTo(json("[{\"op\":\"replace\",\"path\":\"/v\",\"from\":{\"x\":1},\"to\":[1]}]"));
    }
}
