package dev.vexil.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the {@link APIGatewayV2HTTPEvent} (payload format 2.0) that API Gateway's HTTP API would send for a
 * request: header names lower-cased and repeated values joined with commas, cookies moved to {@code cookies},
 * query parameters decoded (repeats joined with commas, absent when there is no query), a textual body as is and
 * anything else base64-encoded, and the principal placed where the configured authorizer puts it.
 */
final class HttpEventMapper {
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final PrincipalClaim principalClaim;

    HttpEventMapper(PrincipalClaim principalClaim) {
        this.principalClaim = principalClaim;
    }

    APIGatewayV2HTTPEvent toEvent(HttpExchange exchange, byte[] body, String principal, Instant now) {
        URI uri = exchange.getRequestURI();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String value : values) {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                }
            } else {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();

        RequestContext.Http http = new RequestContext.Http();
        http.setMethod(method);
        http.setPath(uri.getRawPath());
        http.setProtocol(exchange.getProtocol());
        http.setSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress());
        http.setUserAgent(headers.get("user-agent"));

        RequestContext context = new RequestContext();
        context.setRouteKey("$default");
        context.setAccountId("000000000000");
        context.setApiId("local");
        context.setStage("$default");
        context.setDomainName(headers.getOrDefault("host", "localhost"));
        context.setDomainPrefix("local");
        context.setRequestId(UUID.randomUUID().toString());
        context.setTime(REQUEST_TIME.format(now));
        context.setTimeEpoch(now.toEpochMilli());
        context.setHttp(http);
        context.setAuthorizer(authorizer(principal));

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("$default");
        event.setRawPath(uri.getRawPath());
        event.setRawQueryString(rawQuery);
        event.setCookies(cookies.isEmpty() ? null : cookies);
        event.setHeaders(headers);
        event.setQueryStringParameters(rawQuery.isEmpty() ? null : queryParameters(rawQuery));
        event.setRequestContext(context);
        setBody(event, body, headers.get("content-type"));
        return event;
    }

    private RequestContext.Authorizer authorizer(String principal) {
        RequestContext.Authorizer authorizer = new RequestContext.Authorizer();
        if (principalClaim == PrincipalClaim.IAM_USER_ARN) {
            RequestContext.IAM iam = new RequestContext.IAM();
            iam.setUserArn(principal);
            iam.setAccountId("000000000000");
            authorizer.setIam(iam);
        } else {
            RequestContext.Authorizer.JWT jwt = new RequestContext.Authorizer.JWT();
            jwt.setClaims(Map.of("sub", principal));
            jwt.setScopes(null);
            authorizer.setJwt(jwt);
        }
        return authorizer;
    }

    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    private static String decode(String component) {
        try {
            return URLDecoder.decode(component, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return component; // API Gateway passes a malformed escape through rather than failing the request
        }
    }

    private static void setBody(APIGatewayV2HTTPEvent event, byte[] body, String contentType) {
        if (body.length == 0) {
            event.setBody(null);
            event.setIsBase64Encoded(false);
            return;
        }
        String text = isTextual(contentType) ? utf8OrNull(body) : null;
        if (text != null) {
            event.setBody(text);
            event.setIsBase64Encoded(false);
        } else {
            event.setBody(Base64.getEncoder().encodeToString(body));
            event.setIsBase64Encoded(true);
        }
    }

    /** Content types passed as text; anything else arrives base64-encoded. A body without a type is text if UTF-8. */
    private static boolean isTextual(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.startsWith("application/javascript") || type.startsWith("application/x-www-form-urlencoded");
    }

    private static String utf8OrNull(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }
}
