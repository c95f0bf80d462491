package dev.vexil.local.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vexil.core.admin.AdminApi;
import dev.vexil.core.admin.http.ApiResponse;
import dev.vexil.core.admin.service.AdminException;
import dev.vexil.core.release.GuardRestore;
import dev.vexil.core.release.GuardService;
import dev.vexil.local.http.AdminApiBackend;
import dev.vexil.local.http.HttpBackend;
import dev.vexil.local.http.HttpCall;
import dev.vexil.local.http.HttpReply;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/_local/alarms/{name}} with {@code {"state":"ALARM"|"OK"}}: plays a guard alarm's state change, as
 * CloudWatch's EventBridge event does on AWS. Exists only in the local stack (it is not a route of the core's
 * router, nor of docs/openapi.yaml); every other request goes to the admin API. Any alarm name is accepted.
 */
public final class LocalAlarmsBackend implements HttpBackend {
    static final String PREFIX = "/v1/_local/alarms/";
    private static final Set<String> STATES = Set.of("ALARM", "OK", "INSUFFICIENT_DATA");

    private final HttpBackend admin;
    private final AdminApi api;
    private final GuardService guards;
    private final ObjectMapper mapper;

    public LocalAlarmsBackend(HttpBackend admin, AdminApi api, GuardService guards, ObjectMapper mapper) {
        this.admin = admin;
        this.api = api;
        this.guards = guards;
        this.mapper = mapper;
    }

    @Override
    public HttpReply handle(HttpCall call) {
        if (!call.rawPath().startsWith(PREFIX)) {
            return admin.handle(call);
        }
        String name = call.rawPath().substring(PREFIX.length());
        try {
            if (!"POST".equals(call.method())) {
                throw new AdminException(AdminException.Kind.METHOD_NOT_ALLOWED, "only POST plays an alarm");
            }
            if (name.isEmpty() || name.contains("/") || name.length() > 255) {
                throw AdminException.invalid("name", "expected an alarm name of 1 to 255 characters");
            }
            String state = state(call);
            List<GuardRestore> restores = guards.alarmChanged(name, state);
            ObjectNode body = mapper.createObjectNode().put("alarm", name).put("state", state);
            body.set("restores", mapper.valueToTree(restores));
            return AdminApiBackend.reply(ApiResponse.json(200, body), mapper);
        } catch (AdminException failure) {
            return AdminApiBackend.reply(api.problem(failure, call.rawPath()), mapper);
        }
    }

    private String state(HttpCall call) {
        JsonNode body;
        try {
            String text = call.body() == null ? "" : call.base64Body()
                    ? new String(Base64.getDecoder().decode(call.body()), StandardCharsets.UTF_8) : call.body();
            body = mapper.readTree(text);
        } catch (Exception e) {
            throw AdminException.invalid("", "expected a JSON object {\"state\": \"ALARM\" | \"OK\"}");
        }
        JsonNode state = body == null ? null : body.get("state");
        if (state == null || !state.isTextual() || !STATES.contains(state.textValue())) {
            throw AdminException.invalid("state", "expected \"ALARM\", \"OK\" or \"INSUFFICIENT_DATA\"");
        }
        return state.textValue();
    }
}
