package dev.vexil.local.http;

import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the {@link HttpCall} for an exchange the way API Gateway's HTTP API normalises a request (payload 2.0):
 * header names lower-cased and repeated values joined with commas, cookies moved apart, query parameters decoded
 * (repeats joined with commas, null when there is no query), a textual body as is and anything else base64-encoded.
 */
final class HttpCalls {
    private HttpCalls() {
    }

    static HttpCall of(HttpExchange exchange, byte[] body, String principal, Instant now) {
        URI uri = exchange.getRequestURI();
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
        String text = body.length == 0 ? null : isTextual(headers.get("content-type")) ? utf8OrNull(body) : null;
        boolean base64 = body.length > 0 && text == null;
        return new HttpCall(exchange.getRequestMethod().toUpperCase(Locale.ROOT), uri.getRawPath(), rawQuery, headers,
                cookies, rawQuery.isEmpty() ? null : queryParameters(rawQuery),
                base64 ? Base64.getEncoder().encodeToString(body) : text, base64, principal, exchange.getProtocol(),
                exchange.getRemoteAddress().getAddress().getHostAddress(), now);
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
