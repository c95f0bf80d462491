package dev.vexil.local.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vexil.core.admin.AdminApi;
import dev.vexil.core.admin.http.ApiRequest;
import dev.vexil.core.admin.http.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin API served in-process: each request goes straight to the core's {@link AdminApi}, the same router and
 * services the admin Lambda runs, with the principal the gateway authenticated; the response is its JSON.
 */
public final class AdminApiBackend implements HttpBackend {
    private final AdminApi api;
    private final ObjectMapper mapper;

    public AdminApiBackend(AdminApi api, ObjectMapper mapper) {
        this.api = api;
        this.mapper = mapper;
    }

    @Override
    public HttpReply handle(HttpCall call) {
        ApiResponse response = api.handle(new ApiRequest(call.method(), call.rawPath(), call.headers(),
                call.queryParameters(), call.body(), call.base64Body(), call.principal(), Map.of()));
        return reply(response, mapper);
    }

    /** An admin API response as the gateway sends it. */
    public static HttpReply reply(ApiResponse response, ObjectMapper mapper) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.wireHeaders().forEach((name, value) -> headers.put(name, List.of(value)));
        String body = response.bodyText(mapper);
        return new HttpReply(response.status(), headers,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }
}
