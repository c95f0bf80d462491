package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.admin.access.AccessPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Break-glass operators are admin in every project, and every use leaves a trace: a log line, a history mark. */
class BreakGlassTest {
    private static final String OPERATOR_ROLE = "arn:aws:iam::123456789012:role/VexilBreakGlass";
    private static final String OPERATOR_SESSION = "arn:aws:sts::123456789012:assumed-role/VexilBreakGlass/oncall-jo";
    private static final String STRANGER = "arn:aws:iam::123456789012:user/mallory";

    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass(
            new AccessPolicy(List.of(AdminFixture.ALICE), Set.of(OPERATOR_ROLE)));

    @Test
    void anOperatorActsAsAdminInAProjectWithoutARoleAndEveryChangeIsMarked() {
        String p = api.project("incident", "production");
        api.booleanFlag(p, "payments");
        String config = "/v1/projects/" + p + "/environments/production/flags/payments";
        api.call("PUT", config).json("{\"on\":true,\"fallthrough\":{\"variation\":0}}").expect(201);

        String log = capturingStdout(() -> api.call("POST", config + "/kill").as(OPERATOR_SESSION)
                .comment("INC-123: payments double-charging").expect(200));

        JsonNode entry = api.get(config + "/history").expect(200).json().path("items").get(0);
        assertThat(entry.path("action").asText()).isEqualTo("kill");
        assertThat(entry.path("principal").asText()).isEqualTo(OPERATOR_ROLE);
        assertThat(entry.path("sessionName").asText()).isEqualTo("oncall-jo");
        assertThat(entry.path("breakGlass").asBoolean()).isTrue();
        assertThat(log).contains("break-glass").contains(OPERATOR_ROLE).contains("oncall-jo").contains(p);

        JsonNode earlier = api.get(config + "/history").expect(200).json().path("items").get(1);
        assertThat(earlier.has("breakGlass")).as("ordinary changes carry no mark").isFalse();
    }

    @Test
    void anOperatorSeesEveryProjectAndMayCreateOnesWhileOthersStillSeeNothing() {
        String p = api.project("hidden");
        assertThat(api.get("/v1/projects").as(OPERATOR_SESSION).expect(200).json().path("items")
                .findValuesAsText("key")).contains(p);
        api.get("/v1/projects/" + p).as(OPERATOR_SESSION).expect(200);
        api.call("POST", "/v1/projects").as(OPERATOR_SESSION)
                .json("{\"key\":\"" + AdminFixture.newProjectKey("recovery") + "\",\"name\":\"R\"}").expect(201);

        api.get("/v1/projects/" + p).as(STRANGER).expect(404);
        api.call("POST", "/v1/projects").as(STRANGER).json("{\"key\":\"nope\",\"name\":\"N\"}").expect(403);
    }

    private static String capturingStdout(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
