package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vexil.core.admin.http.ApiRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who is calling, from the events API Gateway really sends: IAM users by their ARN, role sessions by their role
 * (session name kept for the audit trail only), Identity Center permission sets by their path-less role ARN,
 * JWT callers by issuer and subject together.
 */
class CallerIdentityTest {
    private static final String ACCOUNT = "arn:aws:iam::123456789012:";
    private static final String EDITORS_ROLE = ACCOUNT + "role/FlagEditors";
    private static final String SSO_ROLE = ACCOUNT + "role/AWSReservedSSO_VexilAdmins_0123456789abcdef";
    private static final String SSO_ROLE_WITH_PATH = ACCOUNT
            + "role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_VexilAdmins_0123456789abcdef";
    private static final String COGNITO = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab12Cd34E";
    private static final String JWT_PRINCIPAL = COGNITO + "#8b7c6d5e-4f3a-2b1c-0d9e-8f7a6b5c4d3e";

    @RegisterExtension
    static final AdminFixture api = AdminFixture.perTestClass();
    static String p;

    @BeforeAll
    static void project() {
        p = api.project("identity", "production");
        api.booleanFlag(p, "checkout");
        api.call("PUT", "/v1/projects/" + p).ifMatch("\"1\"").json("{\"name\":\"identity\",\"roles\":{\""
                + AdminFixture.ALICE + "\":\"admin\",\"" + EDITORS_ROLE + "\":\"editor\",\"" + SSO_ROLE_WITH_PATH
                + "\":\"admin\",\"" + JWT_PRINCIPAL + "\":\"viewer\"}}").expect(200);
    }

    private static ApiRequest requestOf(String fixture) {
        return new EventAdapter(AdminApiHandler.MAPPER).toRequest(RecordedEvents.get(fixture));
    }

    private static AdminFixture.Reply send(APIGatewayV2HTTPEvent event) {
        return new AdminFixture.Reply(api.handler.handleRequest(event, null));
    }

    @Test
    void anIamUserIsItsUserArnWithoutSession() {
        ApiRequest request = requestOf("iam-user");
        assertThat(request.principal()).isEqualTo(ACCOUNT + "user/alice");
        assertThat(request.sessionName()).isNull();
    }

    @Test
    void anAssumedRoleIsItsRoleAndTheSessionNameIsKeptApart() {
        ApiRequest request = requestOf("assumed-role");
        assertThat(request.principal()).isEqualTo(EDITORS_ROLE);
        assertThat(request.sessionName()).isEqualTo("deploy-pipeline-4711");
    }

    @Test
    void anIdentityCenterSessionIsItsPermissionSetRoleWithoutPath() {
        ApiRequest request = requestOf("identity-center");
        assertThat(request.principal()).isEqualTo(SSO_ROLE);
        assertThat(request.sessionName()).isEqualTo("maria.garcia@example.com");
    }

    @Test
    void aJwtCallerIsIssuerAndSubjectTogether() {
        assertThat(requestOf("jwt").principal()).isEqualTo(JWT_PRINCIPAL);
        assertThat(requestOf("jwt").sessionName()).isNull();
    }

    @Test
    void aRoleGrantCoversEverySessionAndHistoryNamesTheSession() {
        String config = "/v1/projects/" + p + "/environments/production/flags/checkout";
        AdminFixture.Reply written = send(RecordedEvents.request("assumed-role", "PUT", config,
                "{\"on\":true,\"fallthrough\":{\"variation\":0}}"));
        assertThat(written.status()).as(written.text()).isEqualTo(201);
        assertThat(written.json().path("updatedBy").asText()).isEqualTo(EDITORS_ROLE);

        JsonNode entry = api.get(config + "/history").expect(200).json().path("items").get(0);
        assertThat(entry.path("principal").asText()).isEqualTo(EDITORS_ROLE);
        assertThat(entry.path("sessionName").asText()).isEqualTo("deploy-pipeline-4711");
        assertThat(entry.has("breakGlass")).isFalse();
    }

    @Test
    void theSessionNameGrantsNothing() {
        // The same session name under a role without a grant: whoever assumes a role picks the session name.
        String otherRole = "arn:aws:sts::123456789012:assumed-role/Sandbox/deploy-pipeline-4711";
        api.get("/v1/projects/" + p).as(otherRole).expect(404);
    }

    @Test
    void anIdentityCenterAdminMatchesTheGrantWrittenWithTheRolePath() {
        AdminFixture.Reply project = send(RecordedEvents.request("identity-center", "GET", "/v1/projects/" + p, null));
        assertThat(project.status()).as(project.text()).isEqualTo(200);
        assertThat(project.json().path("roles").has(SSO_ROLE)).as("the grant is stored without its path").isTrue();
        assertThat(project.json().path("roles").has(SSO_ROLE_WITH_PATH)).isFalse();
        AdminFixture.Reply environment = send(RecordedEvents.request("identity-center", "POST",
                "/v1/projects/" + p + "/environments", "{\"key\":\"staging\",\"name\":\"Staging\"}"));
        assertThat(environment.status()).as(environment.text()).isEqualTo(201);
    }

    @Test
    void aGrantNamingASessionArnIsRefusedWithTheRoleToGrantInstead() {
        String session = "arn:aws:sts::123456789012:assumed-role/FlagEditors/alice";
        AdminFixture.Reply refused = api.call("POST", "/v1/projects").json("{\"key\":\"" + AdminFixture.newProjectKey(
                "sessions") + "\",\"name\":\"S\",\"roles\":{\"" + AdminFixture.ALICE + "\":\"admin\",\"" + session
                + "\":\"editor\"}}").expect(400);
        assertThat(refused.errorPaths()).containsExactly("roles." + session);
        assertThat(refused.json().path("errors").get(0).path("message").asText()).contains(EDITORS_ROLE);
    }

    @Test
    void aJwtViewerReadsAndTheSameSubjectFromAnotherIssuerIsAStranger() {
        AdminFixture.Reply mine = send(RecordedEvents.request("jwt", "GET", "/v1/projects/" + p, null));
        assertThat(mine.status()).as(mine.text()).isEqualTo(200);
        APIGatewayV2HTTPEvent otherIssuer = RecordedEvents.withClaim("jwt", "iss", "https://login.example.org/");
        otherIssuer.setRawPath("/v1/projects/" + p);
        otherIssuer.getRequestContext().getHttp().setPath("/v1/projects/" + p);
        assertThat(send(otherIssuer).status()).isEqualTo(404);
    }

    @Test
    void aJwtWithoutIssuerNamesNoPrincipal() {
        AdminFixture.Reply reply = send(RecordedEvents.withClaim("jwt", "iss", null));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("detail").asText()).contains("iss");
    }
}
