package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /v1/projects} filters by role before paging: full pages, and no cursor naming a hidden project. */
class ProjectListingTest {
    private static final String BOB = "arn:aws:iam::123456789012:user/bob";

    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass();

    @Test
    void pagesHoldOnlyVisibleProjectsAreFullAndCursorsNeverNameAHiddenOne() {
        List<String> bobs = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String key = api.project("list");
            if (i % 4 == 1) {
                api.call("PUT", "/v1/projects/" + key).ifMatch("\"1\"").json("{\"name\":\"list\",\"roles\":{\""
                        + AdminFixture.ALICE + "\":\"admin\",\"" + BOB + "\":\"viewer\"}}").expect(200);
                bobs.add(key);
            } else {
                hidden.add(key);
            }
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            AdminFixture.Call call = api.get("/v1/projects").as(BOB).query("limit", "2");
            if (cursor != null) {
                call.query("cursor", cursor);
            }
            JsonNode page = call.expect(200).json();
            List<String> keys = page.path("items").findValuesAsText("key");
            seen.addAll(keys);
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
            if (cursor != null) {
                assertThat(keys).as("a page with a next cursor is full").hasSize(2);
                String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                assertThat(hidden).as("the cursor " + decoded + " names no hidden project")
                        .noneMatch(key -> decoded.endsWith(":" + key));
            }
            pages++;
        } while (cursor != null && pages < 20);

        assertThat(seen).containsExactlyElementsOf(bobs);
    }
}
