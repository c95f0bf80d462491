package dev.vexil.core.admin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final RouteHandler NOTHING = request -> ApiResponse.json(204, null);

    private final Router router = new Router()
            .add("GET", "/v1/projects/{project}", NOTHING)
            .add("PUT", "/v1/projects/{project}", NOTHING)
            .add("GET", "/v1/projects/{project}/flags/{flag}", NOTHING);

    @Test
    void matchesTemplatesAndExtractsDecodedVariables() {
        RouteMatch match = router.match("GET", "/v1/projects/shop/flags/new%2Dcheckout");
        assertThat(match).isInstanceOfSatisfying(RouteMatch.Found.class, found -> {
            assertThat(found.route().signature()).isEqualTo("GET /v1/projects/{project}/flags/{flag}");
            assertThat(found.pathParameters()).isEqualTo(Map.of("project", "shop", "flag", "new-checkout"));
        });
    }

    @Test
    void aTrailingSlashIsTheSamePath() {
        assertThat(router.match("GET", "/v1/projects/shop/")).isInstanceOf(RouteMatch.Found.class);
    }

    @Test
    void unknownPathsAreNotFoundAndOtherMethodsAreListed() {
        assertThat(router.match("GET", "/v1/projects/shop/nothing")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(router.match("GET", "/v1/projects//flags/x")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(router.match("DELETE", "/v1/projects/shop"))
                .isEqualTo(new RouteMatch.MethodNotAllowed(List.of("GET", "PUT")));
    }

    @Test
    void aRouteCannotBeRegisteredTwice() {
        assertThatThrownBy(() -> router.add("GET", "/v1/projects/{project}", NOTHING))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
