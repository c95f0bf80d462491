package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.compiler.SnapshotLimits;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The environment's snapshot size limit, enforced at write time: each segment below is valid on its own (10,000
 * keys, under the per-segment limit), but together they would pass the gzip limit, which random keys reach first.
 */
class SnapshotSizeLimitTest {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass();

    /** A segment body of 10,000 random 9-character keys (~120 KB of JSON, ~70 KB gzipped). */
    private static String bigSegment(Random random) {
        StringBuilder body = new StringBuilder("{\"name\":\"big\",\"included\":[");
        for (int i = 0; i < 10_000; i++) {
            body.append(i == 0 ? "\"" : ",\"");
            for (int c = 0; c < 9; c++) {
                body.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            body.append('"');
        }
        return body.append("]}").toString();
    }

    @Test
    void aWriteThatWouldPassTheLimitIsRefusedWith413NamingTheLimitAndTheSizeAndChangesNothing() {
        String p = api.project("size", "production");
        api.booleanFlag(p, "checkout");
        String env = "/v1/projects/" + p + "/environments/production";
        api.call("PUT", env + "/flags/checkout").json("{\"on\":true,\"offVariation\":1,\"fallthrough\":{\"variation\":0}}")
                .expect(201);
        Random random = new Random(12);

        AdminFixture.Reply refused = null;
        int accepted = 0;
        while (refused == null && accepted < 200) {
            AdminFixture.Reply reply = api.call("PUT", env + "/segments/big-" + accepted).json(bigSegment(random)).send();
            if (reply.status() == 201) {
                accepted++;
            } else {
                refused = reply;
            }
        }

        assertThat(refused).as("some segment passes the limit").isNotNull();
        assertThat(accepted).as("about 4 MiB gzipped of ~70 KB segments").isBetween(40, 80);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = refused.json();
        assertThat(problem.path("type").asText()).isEqualTo("https://vexil.dev/problems/snapshot-too-large");
        assertThat(problem.path("limit").asText()).isEqualTo(SnapshotLimits.GZIP);
        assertThat(problem.path("limitBytes").asLong()).isEqualTo(SnapshotLimits.MAX_GZIP_BYTES);
        long size = problem.path("sizeBytes").asLong();
        assertThat(size).isGreaterThan(SnapshotLimits.MAX_GZIP_BYTES).isLessThan(SnapshotLimits.MAX_GZIP_BYTES + 200_000);
        assertThat(problem.path("detail").asText()).contains(Long.toString(size), "4194304", "production");

        api.get(env + "/segments/big-" + accepted).expect(404);
        assertThat(api.get(env + "/segments").expect(200).json().path("items")).hasSize(accepted);
        api.call("POST", env + "/flags/checkout/kill").expect(200); // a kill never grows the snapshot: not checked
    }
}
