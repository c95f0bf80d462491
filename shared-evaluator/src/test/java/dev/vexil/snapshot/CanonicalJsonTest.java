package dev.vexil.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static String canonical(String json) throws Exception {
        JsonNode tree = SnapshotCodec.mapper().readTree(json);
        return new String(CanonicalJson.bytes(tree), StandardCharsets.UTF_8);
    }

    @Test
    void integersArePlainDigitsAndOtherNumbersUseJavasShortestForm() throws Exception {
        assertThat(canonical("[0,-0,7,-12,123456789012345678901234567890]"))
                .isEqualTo("[0,0,7,-12,123456789012345678901234567890]");
        assertThat(canonical("[1.0,1.50,0.1,1e2,1E-4,12345678.9,-0.0,1e300]"))
                .isEqualTo("[1.0,1.5,0.1,100.0,1.0E-4,1.23456789E7,-0.0,1.0E300]");
    }

    @Test
    void bigDecimalNodesBuiltInCodeMatchWhatAReaderParses() throws Exception {
        ObjectNode built = JsonNodeFactory.instance.objectNode().put("n", new BigDecimal("2.50"));
        assertThat(new String(CanonicalJson.bytes(built), StandardCharsets.UTF_8)).isEqualTo(canonical("{\"n\":2.5}"));
    }

    @Test
    void stringsUseMinimalEscaping() throws Exception {
        assertThat(canonical("[\"a\\\"b\\\\c\\/d\\u0001\\u001f\\b\\f\\n\\r\\t\\u00e9\\u2028\"]"))
                .isEqualTo("[\"a\\\"b\\\\c/d\\u0001\\u001f\\b\\f\\n\\r\\t\u00e9\u2028\"]");
    }

    @Test
    void loneSurrogatesAreEscapedSoTheOutputIsValidUtf8() throws Exception {
        assertThat(canonical("[\"x\\ud800y\",\"\\udc00\",\"\\ud83d\\ude80\"]"))
                .isEqualTo("[\"x\\ud800y\",\"\\udc00\",\"\uD83D\uDE80\"]");
    }

    @Test
    void keysAreSortedByCodePointNotByUtf16Unit() throws Exception {
        // U+FF21 (fullwidth A) sorts before U+1F600 by code point, although its UTF-16 unit is larger.
        assertThat(canonical("{\"\uD83D\uDE00\":1,\"\uFF21\":2,\"b\":3,\"B\":4,\"\":5}"))
                .isEqualTo("{\"\":5,\"B\":4,\"b\":3,\"\uFF21\":2,\"\uD83D\uDE00\":1}");
    }

    @Test
    void literalsAndNesting() throws Exception {
        assertThat(canonical("{ \"z\" : [ true , false , null , { } , [ ] ] }"))
                .isEqualTo("{\"z\":[true,false,null,{},[]]}");
    }
}
