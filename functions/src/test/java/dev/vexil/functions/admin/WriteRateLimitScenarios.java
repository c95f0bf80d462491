package dev.vexil.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vexil.core.admin.limits.AdminLimits;
import dev.vexil.core.admin.limits.Quotas;
import dev.vexil.core.ratelimit.RateLimit;
import dev.vexil.core.ratelimit.SettableClock;
import dev.vexil.core.ratelimit.WriteRateLimiter;
import dev.vexil.core.store.FlagRepository;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-principal write rate limit through the admin Lambda handler: 3 writes a minute. Every request other than
 * GET counts; over the limit gets 429 with {@code Retry-After} and changes nothing. Run with each wiring's limiter.
 */
abstract class WriteRateLimitScenarios {
    /** 20 seconds into a minute, so the window has 40 seconds left. */
    static final Instant START = Instant.parse("2026-12-01T12:00:20Z");
    static final String BOB = "arn:aws:iam::123456789012:user/bob";

    final SettableClock clock = new SettableClock(START);
    AdminFixture api;

    abstract FlagRepository repository();

    abstract WriteRateLimiter limiter(RateLimit limit, SettableClock clock);

    @BeforeEach
    void fixture() {
        api = new AdminFixture(repository(), clock,
                new AdminLimits(Quotas.DEFAULTS, limiter(new RateLimit(3, Duration.ofMinutes(1)), clock)));
    }

    @Test
    void theWriteAfterTheLimitGets429WithRetryAfterAndChangesNothing() {
        String p = AdminFixture.newProjectKey("rate");
        api.call("POST", "/v1/projects").json("{\"key\":\"" + p + "\",\"name\":\"R\"}").expect(201);
        api.call("POST", "/v1/projects/" + p + "/environments").json("{\"key\":\"dev\",\"name\":\"D\"}").expect(201);
        api.booleanFlag(p, "a");

        AdminFixture.Reply refused = api.call("PUT", "/v1/projects/" + p + "/flags/b")
                .json("{\"name\":\"b\",\"type\":\"boolean\",\"variations\":[{\"value\":true},{\"value\":false}]}")
                .send();

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("40");
        assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(refused.json().path("type").asText()).isEqualTo("https://vexil.dev/problems/rate-limited");
        assertThat(refused.json().path("retryAfterSeconds").asLong()).isEqualTo(40);
        api.get("/v1/projects/" + p + "/flags/b").expect(404);
        // reads are never limited
        for (int i = 0; i < 5; i++) {
            api.get("/v1/projects/" + p + "/flags").expect(200);
        }
    }

    @Test
    void writesSucceedAgainOnceTheWindowHasPassed() {
        String p = AdminFixture.newProjectKey("rate-recovery");
        api.call("POST", "/v1/projects").json("{\"key\":\"" + p + "\",\"name\":\"R\"}").expect(201);
        api.booleanFlag(p, "a");
        api.booleanFlag(p, "b");
        api.call("PUT", "/v1/projects/" + p + "/flags/c").json("{}").expect(429);

        clock.advance(Duration.ofSeconds(39));
        assertThat(api.call("PUT", "/v1/projects/" + p + "/flags/c").json("{}").expect(429).header("Retry-After"))
                .isEqualTo("1");
        clock.advance(Duration.ofSeconds(1));

        api.booleanFlag(p, "c");
        api.get("/v1/projects/" + p + "/flags/c").expect(200);
    }

    @Test
    void eachPrincipalHasItsOwnCount() {
        String p = AdminFixture.newProjectKey("rate-isolation");
        api.call("POST", "/v1/projects").json("{\"key\":\"" + p + "\",\"name\":\"R\",\"roles\":{\""
                + AdminFixture.ALICE + "\":\"admin\",\"" + BOB + "\":\"editor\"}}").expect(201);
        api.booleanFlag(p, "a");
        api.booleanFlag(p, "b");
        api.call("POST", "/v1/projects/" + p + "/environments").json("{\"key\":\"dev\",\"name\":\"D\"}").expect(429);

        api.call("PUT", "/v1/projects/" + p + "/flags/c").as(BOB)
                .json("{\"name\":\"c\",\"type\":\"boolean\",\"variations\":[{\"value\":true},{\"value\":false}]}")
                .expect(201);
        // a write refused for lack of a role still counts against the caller, never against the project's members
        String other = "arn:aws:iam::123456789012:user/mallory";
        for (int i = 0; i < 3; i++) {
            api.call("PUT", "/v1/projects/" + p + "/flags/x").as(other).json("{}").expect(404);
        }
        api.call("PUT", "/v1/projects/" + p + "/flags/x").as(other).json("{}").expect(429);
        api.call("PUT", "/v1/projects/" + p + "/flags/d").as(BOB)
                .json("{\"name\":\"d\",\"type\":\"boolean\",\"variations\":[{\"value\":true},{\"value\":false}]}")
                .expect(201);
    }
}
